-- Layout hooks for Mẫu 2-KNĐ (committed with the templates, never built from dossier data).
--
-- The Jinja templates mark layout with fenced divs. Dossier values can never create a div or an
-- attribute: every value is escaped before it reaches the Markdown. This filter turns the marks
-- into what each output format needs:
--   ::: ngat-trang            a page break (DOCX: a w:br page run; Typst: #pagebreak())
--   ::: {custom-style="X"}    DOCX: pandoc applies the paragraph style X from reference.docx;
--                             Typst: the content is wrapped in kieu("X")[…] from 2-knd.typ
--   the image inside "Ô ảnh"  Typst: replaced by anh-the(), which reads the photo copied into
--                             the compile root (the DOCX keeps the embedded image)
--   ::: {custom-style="Liền sau"}   kept on the page of what follows (a signed text with its
--                             signature block): of a div of several paragraphs only the last
--                             takes the style (DOCX: keep with next; Typst: a sticky block)

local PAGE_BREAK_OPENXML = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'

local function typst_string(s)
  return '"' .. s:gsub('[\\"]', '\\%0') .. '"'
end

local function remove_images(blocks)
  return pandoc.walk_block(pandoc.Div(blocks), {
    Image = function(_) return pandoc.RawInline('typst', '#anh-the()') end,
  }).content
end

local KEEP_WITH_NEXT = 'Liền sau'

function Div(el)
  if el.classes:includes('ngat-trang') then
    if FORMAT == 'typst' then
      return pandoc.RawBlock('typst', '#pagebreak()')
    elseif FORMAT == 'docx' or FORMAT == 'openxml' then
      return pandoc.RawBlock('openxml', PAGE_BREAK_OPENXML)
    end
    return {}
  end
  local style = el.attributes['custom-style']
  if style == KEEP_WITH_NEXT and #el.content > 1 then
    -- a div around a whole text: only its last paragraph takes the style
    local n = #el.content
    local out = {}
    for i = 1, n - 1 do
      table.insert(out, el.content[i])
    end
    local last = pandoc.Div({ el.content[n] }, pandoc.Attr('', {}, { ['custom-style'] = style }))
    for _, b in ipairs(Div(last) or { last }) do
      table.insert(out, b)
    end
    return out
  end
  if style and FORMAT == 'typst' then
    local content = el.content
    if style == 'Ô ảnh' then
      content = remove_images(content)
    end
    local out = { pandoc.RawBlock('typst', '#kieu(' .. typst_string(style) .. ')[') }
    for _, b in ipairs(content) do
      table.insert(out, b)
    end
    table.insert(out, pandoc.RawBlock('typst', ']'))
    return out
  end
end
