/* The guidance site opened from disk (file://), as a CI artifact is: Chromium refuses to start a
 * Web Worker from a file URL, so Material's search would never answer. On file:// pages this
 * replaces `Worker` with a worker that runs in a hidden iframe of the same page. Material's search
 * worker looks for `IFrameWorker` on its parent and awaits `importScripts`, which here loads the
 * scripts one after the other. Nothing is fetched from the network.
 *
 * Written for hoso. Its name contains "iframe-worker" so that Material's offline plugin does not
 * add its own copy from a CDN (see mkdocs.yml).
 */
(function () {
  "use strict";
  if (location.protocol !== "file:") {
    return;
  }
  var workers = [];
  window.__hosoIFrameWorkers = workers;

  function IFrameWorker(url, options) {
    if (options !== undefined && options.type === "module") {
      throw new TypeError("IFrameWorker: module workers are not supported");
    }
    var target = new EventTarget();
    var self = this;
    var queue = [];
    var ready = false;
    var id = workers.length;
    workers.push(this);
    this.addEventListener = target.addEventListener.bind(target);
    this.removeEventListener = target.removeEventListener.bind(target);
    this.dispatchEvent = target.dispatchEvent.bind(target);
    this.onmessage = null;
    this.onerror = null;
    this.onmessageerror = null;

    var frame = document.createElement("iframe");
    frame.hidden = true;
    frame.tabIndex = -1;
    frame.setAttribute("aria-hidden", "true");
    (document.body || document.documentElement).appendChild(frame);
    this.frame = frame;

    // Called from the iframe.
    this._emit = function (data) {
      var ev = new MessageEvent("message", { data: data });
      self.dispatchEvent(ev);
      if (typeof self.onmessage === "function") {
        self.onmessage(ev);
      }
    };
    this._fail = function (error, message) {
      var ev = new ErrorEvent("error", { error: error, message: String(message || error), filename: String(url) });
      self.dispatchEvent(ev);
      if (typeof self.onerror === "function") {
        self.onerror(ev);
      }
    };
    this._ready = function () {
      ready = true;
      queue.splice(0).forEach(deliver);
    };

    function deliver(data) {
      var win = frame.contentWindow;
      if (win) {
        win.dispatchEvent(new win.MessageEvent("message", { data: data }));
      }
    }
    this.postMessage = function (data) {
      if (ready) {
        deliver(data);
      } else {
        queue.push(data);
      }
    };
    this.terminate = function () {
      if (frame.parentNode) {
        frame.parentNode.removeChild(frame);
      }
    };

    var host = "parent.__hosoIFrameWorkers[" + id + "]";
    var runtime = [
      "postMessage=function(d){" + host + "._emit(d)};",
      "importScripts=function(){var u=[].slice.call(arguments);return u.reduce(function(p,s){",
      "return p.then(function(){return new Promise(function(ok,no){var e=document.createElement('script');",
      "e.src=s;e.onload=ok;e.onerror=function(){no(new Error('không tải được '+s))};",
      "document.head.appendChild(e)})})},Promise.resolve())};",
      "addEventListener('error',function(ev){" + host + "._fail(ev.error,ev.message)});"
    ].join("");
    // The runtime first (an inline script: the worker finds its own folder from the first
    // script with a src), then the worker, then the signal that it is ready for messages.
    var doc = frame.contentWindow.document;
    doc.open();
    doc.write("<!DOCTYPE html><html><head><script>" + runtime + "</scr" + "ipt><script src=\"" +
      String(url).replace(/"/g, "&quot;") + "\"></scr" + "ipt><script>" + host +
      "._ready()</scr" + "ipt></head><body></body></html>");
    doc.close();
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
