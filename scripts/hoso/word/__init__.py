"""The Word round trip: Mẫu 2-KNĐ as a fillable .docx, and a filled one read back.

- :mod:`.layout` — the form's sections, tables and fields, from the form model;
- :mod:`.write`, :mod:`.parts` — ``hoso word``: the .docx with tagged content controls;
- :mod:`.make` — which form (blank or pre-filled) and where it goes;
- :mod:`.package` — opening a .docx someone sent, with its limits and refusals;
- :mod:`.extract` — the document's paragraphs, tables and controls;
- :mod:`.read` — the values of a form ``hoso word`` made, by tag, label or column header;
- :mod:`.legacy` — best effort for a committee's own Word version of the form;
- :mod:`.normalise` — what was typed → what the checker expects, every change reported;
- :mod:`.importer`, :mod:`.report` — ``hoso import``: write the dossier (the layout of
  ``hoso new``), keep the workflow record on re-import, check, describe the difference.
"""
