-- book.lua -- pandoc Lua filter that turns the woven book.md into a book, for
-- every format ./build.sh renders (pandoc --lua-filter tools/book.lua):
--
--  * numbers: a chapter has the number its file name starts with (tomd writes
--    "<!-- nwfile chapters/08-freelists.nw -->" before each chapter), so a
--    chapter still being written leaves a gap instead of renumbering the rest;
--    sections, figures ("Figure 8.1") follow. A header of class .unnumbered
--    (the preface) makes its whole chapter unnumbered and front matter in the
--    PDF; class .appendix starts the appendices (A, B, ...).
--  * references: an empty link [](#id) to a chapter, section, figure or code
--    chunk shows its number or tag; a link whose text is a number shows the
--    right one (and a wrong one is reported); "[2]" links to the preface's list
--    of articles (#article-2); PEP 683, bpo-37029, gh-105140 and bare URLs in
--    the prose become links.
--  * code chunks: a chunk name used inside code, "<name 1:2>", is a link to
--    the chunk; in the PDF a chunk's tag is its page and a letter ("12a", as in
--    noweb and CWEB), so it cannot be taken for a section number.
--  * the measure: in the PDF a line of code or output longer than the line
--    can hold is broken, the rest set on the next line after a "↪" (in HTML
--    and EPUB the style sheet wraps lines). ./build.sh check then reads the
--    LaTeX log and the PDF to prove that nothing sticks out.
--  * {{compare ...}} blocks (tools/outputs.awk): the outputs side by side, the
--    lines in which a column differs from the first one marked.
--  * figures: in the PDF at their natural size (shrunk only to fit the page),
--    and the size of their smallest text on the page reported.
--
-- Environment: BOOK_REPORT (a file to which problems and figure sizes are
-- appended, one per line; ./build.sh check fails on lines starting "FAIL"),
-- BOOK_ROOT (the repository, to read figures/NAME.dot and the plot scripts).

local LATEX = FORMAT:match("latex") ~= nil
local EPUB = FORMAT:match("epub") ~= nil
local HTML = not LATEX                 -- html and epub: raw HTML blocks

-- the PDF's measure in TeX points (tools/book.yaml: A4, 21 x 29.7 cm, margins
-- 2.2 cm, 10 pt type) and the width of a character of Latin Modern Mono, 0.525 em
local PT_PER_CM = 72.27 / 2.54
local TEXTWIDTH = (21 - 2 * 2.2) * PT_PER_CM           -- 472.3 pt
local TEXTHEIGHT = (29.7 - 2 * 2.2) * PT_PER_CM        -- 719.9 pt
local CHARW = { small = 9 * 0.525, footnotesize = 8 * 0.525, scriptsize = 7 * 0.525 }
local FRAME = 0.6 + 6 + 2              -- fancyvrb's leftline rule, framesep, xleftmargin
local MIN_FIGURE_TEXT = 8              -- pt: smallest text allowed in a figure

local ROOT = os.getenv("BOOK_ROOT") or "."
local REPORT = os.getenv("BOOK_REPORT")

local function report(line)
  if REPORT then
    local f = io.open(REPORT, "a")
    if f then f:write(line, "\n"); f:close() end
  end
  if line:match("^FAIL") then io.stderr:write("book.lua: ", line, "\n") end
end

-- ------------------------------------------------------------- utilities
local function ulen(s) return utf8.len(s) or #s end
local function usub(s, i, j)           -- characters i..j of a UTF-8 string
  local n = ulen(s)
  j = j or n
  if i > n or j < i then return "" end
  local a = utf8.offset(s, i)
  local b = (j + 1 <= n) and utf8.offset(s, j + 1) - 1 or #s
  return s:sub(a, b)
end
local function latex_verb_escape(s)    -- for fancyvrb with commandchars=\\\{\}
  return (s:gsub("[\\{}]", { ["\\"] = "\\textbackslash{}", ["{"] = "\\{", ["}"] = "\\}" }))
end
local function html_escape(s)
  return (s:gsub("[&<>\"]", { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;" }))
end
local function inlines_to(fmt, inl)
  local out = pandoc.write(pandoc.Pandoc({ pandoc.Plain(inl) }), fmt)
  return (out:gsub("\n+$", ""))
end
local function has_class(el, c)
  for _, k in ipairs(el.classes or {}) do if k == c then return true end end
  return false
end

-- ------------------------------------------------- breaking long lines (PDF)
-- wrap_line(s, cap): s as lines of at most cap characters. A break goes after
-- the last blank that is not inside a string literal (else after any blank,
-- else anywhere); the rest is indented like s and starts with "↪ ".
local CONT = "\u{21AA} "
local function wrap_line(s, cap)
  local out = {}
  local indent = s:match("^( *)")
  if #indent > 12 then indent = indent:sub(1, 12) end
  local first = true
  while ulen(s) > cap do
    local limit = cap
    local instr, best, anyblank = false, nil, nil
    local n = ulen(s)
    local i = 1
    for p, c in utf8.codes(s) do
      if i > limit then break end
      local ch = utf8.char(c)
      if ch == '"' then instr = not instr end
      if ch == " " and i > #indent + (first and 0 or 2) + 8 then
        anyblank = i
        if not instr then best = i end
      end
      i = i + 1
    end
    local cut = best or anyblank or limit
    table.insert(out, usub(s, 1, cut))
    s = indent .. CONT .. usub(s, cut + 1, n):gsub("^ +", "")
    first = false
  end
  table.insert(out, s)
  return out
end
local function wrap_text(text, cap)
  local lines = {}
  for line in (text .. "\n"):gmatch("(.-)\n") do
    for _, l in ipairs(wrap_line(line, cap)) do table.insert(lines, l) end
  end
  return table.concat(lines, "\n")
end
local function capacity(width, size) return math.floor(width / CHARW[size]) - 1 end
local output_div       -- defined below

-- ---------------------------------------------------------------- pass 1
local num = {}          -- id -> number of a chapter, section or figure ("8", "8.3", "8.1")
local kind = {}         -- id -> "chapter" | "section" | "figure"
local chunktag = {}     -- chunk label -> tag in book.md ("1:2")
local tag2label = {}    -- "1:2" -> chunk label
local chunkalias = {}   -- "nw-the-object-header" -> chunk label
local epubfile = {}     -- id -> "ch005.xhtml"
local chapters = {}     -- chapter number -> { id = ..., title = inlines }
local nepubfile = 0

local function collect(doc)
  local pending, last, appendix_no = nil, 0, 0
  local chap, chapnum, numbered = nil, nil, false
  local sec = {}
  local figno = 0
  for _, b in ipairs(doc.blocks) do
    if b.t == "RawBlock" and b.format == "html" then
      local f = b.text:match("^<!%-%- nwfile (.-) %-%->$")
      if f then pending = tonumber(f:match("([0-9]+)[^/]*$")) end
    elseif b.t == "Header" then
      if b.level == 1 then
        nepubfile = nepubfile + 1
        sec, figno = {}, 0
        if has_class(b, "unnumbered") then
          numbered, chapnum = false, nil
        else
          if has_class(b, "appendix") then
            appendix_no = appendix_no + 1
            chapnum = string.char(64 + appendix_no)
          else
            chapnum = tostring(pending or (last + 1))
            last = tonumber(chapnum)
          end
          numbered = true
        end
        pending = nil
        if b.identifier ~= "" and chapnum then num[b.identifier] = chapnum; kind[b.identifier] = "chapter" end
        if chapnum then chapters[chapnum] = { id = b.identifier, title = b.content } end
        b.attributes["nwchap"] = chapnum or ""
      else
        if numbered then
          for l = b.level + 1, 6 do sec[l] = nil end
          sec[b.level] = (sec[b.level] or 0) + 1
          local parts = { chapnum }
          for l = 2, b.level do table.insert(parts, tostring(sec[l] or 0)) end
          b.attributes["nwnum"] = table.concat(parts, ".")
          if b.identifier ~= "" then num[b.identifier] = b.attributes["nwnum"]; kind[b.identifier] = "section" end
        else
          b.attributes["nwnum"] = ""
        end
      end
    elseif b.t == "Para" and #b.content == 1 and b.content[1].t == "Image"
        and #b.content[1].caption > 0 and numbered then
      figno = figno + 1
      local img = b.content[1]
      img.attributes["nwfig"] = chapnum .. "." .. figno
      if img.identifier ~= "" then num[img.identifier] = img.attributes["nwfig"]; kind[img.identifier] = "figure" end
    elseif b.t == "Div" and has_class(b, "nwchunk") then
      local head = b.content[1]
      if head and head.t == "Para" then
        for _, il in ipairs(head.content) do
          if il.t == "Link" and il.target == "#" .. b.identifier then
            local t = pandoc.utils.stringify(il.content)
            chunktag[b.identifier] = t
            tag2label[t] = b.identifier
          elseif il.t == "Span" and il.identifier ~= "" then
            chunkalias[il.identifier] = b.identifier
          end
        end
      end
    end
    -- every identifier in the block lives in the current EPUB chapter file
    local function mark(el) if el.identifier and el.identifier ~= "" then epubfile[el.identifier] = string.format("ch%03d.xhtml", nepubfile) end end
    if b.identifier then mark(b) end
    pandoc.walk_block(b, { Div = mark, Span = mark, Header = mark, Image = mark, CodeBlock = mark })
  end
end

-- the href of id from inside EPUB chapter file `here`
local current_file = nil
local function href(id)
  if EPUB and epubfile[id] and epubfile[id] ~= current_file then return epubfile[id] .. "#" .. id end
  return "#" .. id
end

-- ------------------------------------------------------ chunk tags and links
local function tag_inline(label)
  if LATEX then return pandoc.RawInline("latex", "\\nwtag{" .. label .. "}") end
  return pandoc.Str(chunktag[label])
end

-- code of a chunk, with "<name 1:2>" made a link; returns a RawBlock
local blockno = 0
local function chunk_code(cb, cap)
  local refs = {}
  local text = cb.text
  if LATEX and cap then text = wrap_text(text, cap) end
  text = text:gsub("\u{27E8}([^\n]-) (%d+:%d+)\u{27E9}", function(name, t)
    local label = tag2label[t]
    if not label then return nil end
    table.insert(refs, { name = name, label = label, tag = t })
    return "NWREF" .. #refs .. "X"
  end)
  local code = pandoc.CodeBlock(text, cb.attr)
  local out = pandoc.write(pandoc.Pandoc({ code }), LATEX and "latex" or "html")
  if LATEX then
    out = out:gsub("NWREF(%d+)X", function(i)
      local r = refs[tonumber(i)]
      return "\\nwref{" .. r.label .. "}{\u{27E8}" .. latex_verb_escape(r.name) .. " \\nwtag{" .. r.label .. "}\u{27E9}}"
    end)
    return pandoc.RawBlock("latex", out)
  end
  blockno = blockno + 1
  local id = "nwcb" .. blockno
  out = out:gsub('id="cb1"', 'id="' .. id .. '"'):gsub('"cb1%-', '"' .. id .. "-"):gsub('"#cb1%-', '"#' .. id .. "-")
  out = out:gsub("NWREF(%d+)X", function(i)
    local r = refs[tonumber(i)]
    return '<a class="nwref" href="' .. href(r.label) .. '">\u{27E8}' .. html_escape(r.name)
      .. ' <span class="nwtag">' .. r.tag .. '</span>\u{27E9}</a>'
  end)
  return pandoc.RawBlock("html", out)
end

-- ------------------------------------------------------------ comparisons
-- the lines of column b that are not in a longest common subsequence with a
local function unmatched(a, b)
  local n, m = #a, #b
  local L = {}
  for i = 0, n do L[i] = {}; for j = 0, m do L[i][j] = 0 end end
  for i = n - 1, 0, -1 do
    for j = m - 1, 0, -1 do
      if a[i + 1] == b[j + 1] then L[i][j] = L[i + 1][j + 1] + 1
      else L[i][j] = math.max(L[i + 1][j], L[i][j + 1]) end
    end
  end
  local ina, inb = {}, {}
  local i, j = 0, 0
  while i < n and j < m do
    if a[i + 1] == b[j + 1] then ina[i + 1] = true; inb[j + 1] = true; i = i + 1; j = j + 1
    elseif L[i + 1][j] >= L[i][j + 1] then i = i + 1 else j = j + 1 end
  end
  return ina, inb
end

local function split_lines(text)
  local t = {}
  for l in (text .. "\n"):gmatch("(.-)\n") do table.insert(t, l) end
  return t
end

-- a line as a label and a value: the value is the last word
local function label_value(l)
  local label, value = l:match("^(.-)%s+(%S+)%s*$")
  if not label then return "", l end
  return label, value
end

-- the columns as one table (a row per line, a column per runtime) when every
-- line of every column has the same label as in the first column, and some
-- value differs; nil otherwise
local function as_table(cols)
  local n = #cols[1].lines
  local rows, differs = {}, false
  for _, c in ipairs(cols) do if #c.lines ~= n then return nil end end
  for i = 1, n do
    local label = label_value(cols[1].lines[i])
    local row = { label = label, values = {} }
    for j, c in ipairs(cols) do
      local l, v = label_value(c.lines[i])
      if l ~= label then return nil end
      row.values[j] = v
      if v ~= row.values[1] then differs = true end
    end
    table.insert(rows, row)
  end
  return differs and rows or nil
end

-- "CPython 3.11.7" from a column title "CPython 3.11.7: py/x.py", and the file
local function title_parts(inl)
  local text = pandoc.utils.stringify(inl)
  local short = text:match("^(.-):") or text
  local file = nil
  pandoc.walk_inline(pandoc.Span(inl), { Code = function(c) file = c.text end })
  return short, file
end

local function compare_table(cols, rows)
  local heads, files, byfile = {}, {}, {}
  for _, c in ipairs(cols) do
    local short, file = title_parts(c.title)
    table.insert(heads, short)
    if file then
      if not byfile[file] then byfile[file] = {}; table.insert(files, { file = file, who = byfile[file] }) end
      table.insert(byfile[file], short == "Ours" and "ours" or short)
    end
  end
  for _, f in ipairs(files) do      -- "CPython 3.11.7, 3.12.1": the name once
    local w = f.who
    for i = 2, #w do w[i] = w[i]:gsub("^CPython ", "") end
    f.who = table.concat(w, ", ")
  end
  local k = #cols
  if LATEX then
    local code = function(t) return inlines_to("latex", { pandoc.Code(t) }) end
    -- the natural width of the table: too wide, and the labels wrap (tabularx)
    local cw = CHARW.footnotesize
    local width = 0
    for _, r in ipairs(rows) do width = math.max(width, ulen(r.label) * cw + 6) end
    for j = 1, k do
      local w = ulen(heads[j]) * 4
      for _, r in ipairs(rows) do w = math.max(w, ulen(r.values[j]) * cw) end
      width = width + w + 12
    end
    local env = width > TEXTWIDTH and "tabularx" or "tabular"
    local out = { "\\par\\medskip\\noindent{\\footnotesize"
      .. (env == "tabularx" and "\\begin{tabularx}{\\linewidth}{@{}>{\\raggedright\\arraybackslash}X"
                            or "\\begin{tabular}{@{}l") .. string.rep("r", k) .. "@{}}" }
    local h = { "" }
    for _, t in ipairs(heads) do table.insert(h, "\\textit{" .. inlines_to("latex", { pandoc.Str(t) }) .. "}") end
    table.insert(out, table.concat(h, " & ") .. " \\\\ \\hline")
    for _, r in ipairs(rows) do
      local cells = { r.label ~= "" and code(r.label) or "" }
      for j, v in ipairs(r.values) do
        local c = code(v)
        if v ~= r.values[1] then c = "\\nwdiff{" .. c .. "}" end
        table.insert(cells, c)
      end
      table.insert(out, table.concat(cells, " & ") .. " \\\\")
    end
    local notes = {}
    for _, f in ipairs(files) do table.insert(notes, code(f.file) .. " (" .. inlines_to("latex", { pandoc.Str(f.who) }) .. ")") end
    table.insert(out, "\\end{" .. env .. "}\\par\\smallskip\\textit{Programs:} " .. table.concat(notes, ", ") .. "}\\par\\medskip")
    return pandoc.RawBlock("latex", table.concat(out, "\n"))
  end
  local out = { '<div class="compare-table"><table><thead><tr><th></th>' }
  for j, t in ipairs(heads) do table.insert(out, "<th" .. (j == 1 and ' class="ref"' or "") .. ">" .. html_escape(t) .. "</th>") end
  table.insert(out, "</tr></thead><tbody>")
  for _, r in ipairs(rows) do
    table.insert(out, "<tr><td>" .. (r.label ~= "" and ("<code>" .. html_escape(r.label) .. "</code>") or "") .. "</td>")
    for j, v in ipairs(r.values) do
      table.insert(out, '<td' .. (v ~= r.values[1] and ' class="diff"' or "") .. "><code>" .. html_escape(v) .. "</code></td>")
    end
    table.insert(out, "</tr>")
  end
  local notes = {}
  for _, f in ipairs(files) do table.insert(notes, "<code>" .. html_escape(f.file) .. "</code> (" .. html_escape(f.who) .. ")") end
  table.insert(out, '</tbody></table><p class="title">Programs: ' .. table.concat(notes, ", ") .. "</p></div>")
  return pandoc.RawBlock("html", table.concat(out))
end

local function compare_block(div)
  local cols = {}
  for _, c in ipairs(div.content) do
    if c.t == "Div" and has_class(c, "column") then
      local title, code = {}, nil
      for _, x in ipairs(c.content) do
        if x.t == "CodeBlock" then code = x.text
        elseif x.t == "Para" or x.t == "Plain" then title = x.content end
      end
      table.insert(cols, { title = title, lines = split_lines(code or ""), cpython = has_class(c, "cpython") })
    end
  end
  -- the same output everywhere: one block that names every runtime
  local same = true
  for j = 2, #cols do
    if table.concat(cols[j].lines, "\n") ~= table.concat(cols[1].lines, "\n") then same = false end
  end
  if same then
    local title = pandoc.List({ pandoc.Str("The"), pandoc.Space(), pandoc.Str("same"), pandoc.Space(),
                                pandoc.Str("output"), pandoc.Space(), pandoc.Str("from") })
    for j, c in ipairs(cols) do
      local short, file = title_parts(c.title)
      title:insert(pandoc.Str(j == 1 and " " or (j == #cols and " and " or ", ")))
      title:insert(pandoc.Str(short == "Ours" and "ours" or short))
      if file then title:extend({ pandoc.Space(), pandoc.Str("("), pandoc.Code(file), pandoc.Str(")") }) end
    end
    title:insert(pandoc.Str(":"))
    return pandoc.Div({ pandoc.Para({ pandoc.Emph(title) }), pandoc.CodeBlock(table.concat(cols[1].lines, "\n"), pandoc.Attr("", { "text" })) },
                      pandoc.Attr("", { "output", "same" }))
  end
  local rows = as_table(cols)
  if rows then return compare_table(cols, rows) end
  -- marks: a line of column j > 1 not matched with the first column; a line of
  -- the first column not matched with some other column
  local marks = {}
  for j = 1, #cols do marks[j] = {} end
  for j = 2, #cols do
    local ina, inb = unmatched(cols[1].lines, cols[j].lines)
    for i = 1, #cols[1].lines do if not ina[i] then marks[1][i] = true end end
    for i = 1, #cols[j].lines do if not inb[i] then marks[j][i] = true end end
  end
  local k = #cols
  -- side by side only when the lines fit the columns; else one above the other
  local longest = 0
  for _, c in ipairs(cols) do for _, l in ipairs(c.lines) do longest = math.max(longest, ulen(l)) end end
  local stacked = longest > capacity((TEXTWIDTH - (k - 1) * 10) / k - FRAME, k <= 2 and "footnotesize" or "scriptsize")
  if LATEX then
    local gap = 10
    if stacked then gap = 0 end
    local size = k <= 2 and "footnotesize" or "scriptsize"
    local w = stacked and TEXTWIDTH or (TEXTWIDTH - (k - 1) * gap) / k
    if stacked then size = "footnotesize" end
    local cap = capacity(w - FRAME, size)
    local parts = { "\\par\\medskip\\noindent" }
    for j, c in ipairs(cols) do
      local body = {}
      for i, l in ipairs(c.lines) do
        for _, piece in ipairs(wrap_line(l, cap)) do
          local e = latex_verb_escape(piece)
          table.insert(body, marks[j][i] and ("\\nwdiff{" .. e .. "}") or e)
        end
      end
      table.insert(parts, string.format("\\begin{minipage}[t]{%.1fpt}\n{\\%s\\itshape %s}\\par\\vspace{2pt}\n"
        .. "\\begin{Verbatim}[commandchars=\\\\\\{\\},fontsize=\\%s]\n%s\n\\end{Verbatim}\n\\end{minipage}%s",
        w, size, inlines_to("latex", c.title), size, table.concat(body, "\n"),
        j < k and (stacked and "\\par\\smallskip\\noindent" or "\\hfill") or ""))
    end
    table.insert(parts, "\\par\\medskip")
    return pandoc.RawBlock("latex", table.concat(parts, "\n"))
  end
  local parts = { string.format('<div class="compare%s" style="--ncols: %d">', stacked and " stacked" or "", k) }
  for j, c in ipairs(cols) do
    local lines = {}
    for i, l in ipairs(c.lines) do
      local e = html_escape(l)
      if e == "" then e = " " end
      table.insert(lines, '<span class="' .. (marks[j][i] and "ln diff" or "ln") .. '">' .. e .. "</span>")
    end
    table.insert(parts, '<div class="column output' .. (c.cpython and " cpython" or "") .. '">'
      .. '<p class="title">' .. inlines_to("html", c.title) .. "</p>"
      .. "<pre><code>" .. table.concat(lines) .. "</code></pre></div>")
  end
  table.insert(parts, "</div>")
  return pandoc.RawBlock("html", table.concat(parts, "\n"))
end

-- ------------------------------------------------------------------ figures
local function read_file(p)
  local f = io.open(p, "rb")
  if not f then return nil end
  local s = f:read("a"); f:close(); return s
end
-- the smallest text of a figure, in pt at its natural size
local function figure_font(name)
  local src = read_file(ROOT .. "/figures/" .. name .. ".dot")
  if src then
    local m = 14                         -- Graphviz's default
    for v in src:gmatch('fontsize="?([%d.]+)') do m = math.min(m, tonumber(v)) end
    return m
  end
  local bench = name:match("^bench%-(.*)$")
  src = bench and read_file(ROOT .. "/tangled/bench/" .. bench .. ".gp")
  if src then
    local m = 9                          -- the terminal's font (build.sh render)
    for v in src:gmatch('font%s+"[^",]*,([%d.]+)"') do m = math.min(m, tonumber(v)) end
    for v in src:gmatch("font%s+'[^',]*,([%d.]+)'") do m = math.min(m, tonumber(v)) end
    local style = read_file(ROOT .. "/tools/plot-style.gp") or ""
    for v in style:gmatch('font%s+"[^",]*,([%d.]+)"') do m = math.min(m, tonumber(v)) end
    return m
  end
  return nil
end

local function figure_latex(img)
  local name = img.src:match("([^/]+)$"):gsub("%.%w+$", "")
  img.attributes["width"] = nil          -- natural size; the template shrinks it to fit
  img.attributes["height"] = nil
  local pdf = read_file("figures/" .. name .. ".pdf")
  local w, h = nil, nil
  if pdf then
    local a, b, c, d = pdf:match("/MediaBox%s*%[%s*([%d.-]+)%s+([%d.-]+)%s+([%d.-]+)%s+([%d.-]+)%s*%]")
    if a then                            -- big points (1/72 in) to TeX points
      w, h = (tonumber(c) - tonumber(a)) * 72.27 / 72, (tonumber(d) - tonumber(b)) * 72.27 / 72
    end
  end
  local font = figure_font(name)
  if not (w and font) then
    report(string.format("figure %s: size unknown (no figures/%s.pdf or no source)", name, name))
    return
  end
  local scale = math.min(1, TEXTWIDTH / w, (TEXTHEIGHT * 0.9) / h)
  if scale < 1 then img.attributes["width"] = string.format("%.1fpt", w * scale) end
  local shown = font * scale
  report(string.format("%s figure %s %s: %.0f x %.0f pt, scale %.2f, smallest text %.1f pt",
    shown + 1e-9 < MIN_FIGURE_TEXT and "FAIL" or "ok", img.attributes["nwfig"] or "", name, w, h, scale, shown))
end

-- ------------------------------------------------ links in the prose
local function extlink(text, url) return pandoc.Link({ pandoc.Str(text) }, url) end

-- split a Str into text and links for bpo-N, gh-N and bare URLs
local function link_str(s)
  local out, rest = {}, s
  while true do
    local a, b, what, n = rest:find("(bpo)%-(%d+)")
    local a2, b2, what2, n2 = rest:find("(gh)%-(%d+)")
    local a3, b3 = rest:find("https?://[%w%-%._~:/%?#%[%]@!%$&'%*%+,;=%%]+")
    local best = nil
    for _, m in ipairs({ { a, b, "bpo", n }, { a2, b2, "gh", n2 }, { a3, b3, "url" } }) do
      if m[1] and (not best or m[1] < best[1]) then best = m end
    end
    if not best then break end
    local s0, e0 = best[1], best[2]
    -- a match inside a word is not a reference (e.g. "thigh-1")
    if best[3] ~= "url" and s0 > 1 and rest:sub(s0 - 1, s0 - 1):match("[%w_]") then
      table.insert(out, pandoc.Str(rest:sub(1, e0))); rest = rest:sub(e0 + 1)
    else
      if s0 > 1 then table.insert(out, pandoc.Str(rest:sub(1, s0 - 1))) end
      local m = rest:sub(s0, e0)
      if best[3] == "url" then
        local trail = m:match("[%.,;:%)%]!%?']+$") or ""
        m = m:sub(1, #m - #trail)
        table.insert(out, pandoc.Link({ pandoc.Str(m) }, m))
        e0 = s0 + #m - 1
      elseif best[3] == "bpo" then
        table.insert(out, extlink(m, "https://bugs.python.org/issue" .. best[4]))
      else
        table.insert(out, extlink(m, "https://github.com/python/cpython/issues/" .. best[4]))
      end
      rest = rest:sub(e0 + 1)
    end
  end
  if #out == 0 then return nil end
  if rest ~= "" then table.insert(out, pandoc.Str(rest)) end
  return out
end

local breakable_code
local function fix_link(l)
  local text = pandoc.utils.stringify(l.content)
  for i, il in ipairs(l.content) do
    if il.t == "Code" then l.content[i] = breakable_code(il) end
  end
  local id = l.target:match("^#(.+)$")
  if not id then return l end
  if chunkalias[id] then id = chunkalias[id] end
  if chunktag[id] then
    if text == "" or text == chunktag[id] then l.content = { tag_inline(id) }
    else
      -- "[<name> 1:2](#label)": the tag at the end
      for i, il in ipairs(l.content) do
        if il.t == "Str" and il.text == chunktag[id] then l.content[i] = tag_inline(id) end
      end
    end
    return l
  end
  if num[id] then
    if text == "" then l.content = { pandoc.Str(num[id]) }
    elseif text:match("^[%dA-Z]+[%d.]*$") and text ~= num[id] then
      report(string.format("FAIL link [%s](#%s): %s %s is numbered %s", text, id, kind[id], id, num[id]))
      l.content = { pandoc.Str(num[id]) }
    end
  elseif text == "" then
    report(string.format("FAIL empty link to #%s, which has no number", id))
  end
  return l
end

-- Chinese text (the articles' titles): pdflatex sets it in a CJK environment
local function has_cjk(s)
  for _, c in utf8.codes(s) do
    if (c >= 0x4E00 and c <= 0x9FFF) or (c >= 0x3000 and c <= 0x303F) or (c >= 0xFF00 and c <= 0xFFEF) then return true end
  end
  return false
end

-- in the PDF, inline code may break after "_", "/" or ",": a long
-- identifier or path in the prose or in a table must not stick out
local in_header = false
function breakable_code(c)
  if not LATEX or in_header or ulen(c.text) <= 12 then return c end
  local pieces, cur = {}, ""
  for _, ch in utf8.codes(c.text) do
    cur = cur .. utf8.char(ch)
    if ch == 95 or ch == 47 or ch == 44 then table.insert(pieces, cur); cur = "" end     -- _ / ,
  end
  if cur ~= "" then table.insert(pieces, cur) end
  if #pieces == 1 then return c end
  local out = {}
  for _, p in ipairs(pieces) do table.insert(out, inlines_to("latex", { pandoc.Code(p) })) end
  return pandoc.RawInline("latex", table.concat(out, "\\allowbreak{}"))
end

local prose = {
  traverse = "topdown",
  Link = function(l) return fix_link(l), false end,
  Code = function(c) return breakable_code(c), false end,
  Math = function(m) return m, false end,
  RawInline = function(r) return r, false end,
  Image = function(i) return i, false end,
  Inlines = function(inl)
    local out = pandoc.List()
    local i = 1
    local chapword = false             -- after "chapter(s)": numbers are chapters
    while i <= #inl do
      local x = inl[i]
      local done = false
      if x.t == "Str" and x.text:match("^%p*[Cc]hapters?$") then chapword = not in_header
      elseif x.t == "Str" and chapword then
        local n, tail = x.text:match("^(%d+)(.*)$")
        if n and chapters[tostring(tonumber(n))] then
          out:insert(pandoc.Link({ pandoc.Str(n) }, "#" .. chapters[tostring(tonumber(n))].id))
          if tail ~= "" then out:insert(pandoc.Str(tail)) end
          i = i + 1; done = true
          chapword = tail == "" or tail == ","    -- "chapters 4, 8 and 9"
        elseif x.text ~= "and" then chapword = false end
      elseif x.t ~= "Space" and x.t ~= "SoftBreak" then chapword = false end
      if x.t == "Str" and x.text == "PEP" and inl[i + 1] and inl[i + 1].t == "Space"
          and inl[i + 2] and inl[i + 2].t == "Str" and inl[i + 2].text:match("^%d+") then
        local n, tail = inl[i + 2].text:match("^(%d+)(.*)$")
        out:insert(extlink("PEP\u{00A0}" .. n, string.format("https://peps.python.org/pep-%04d/", tonumber(n))))
        if tail ~= "" then out:insert(pandoc.Str(tail)) end
        i = i + 3; done = true
      elseif x.t == "Str" then
        local pre, n, post = x.text:match("^(.-)%[(%d)%](.*)$")
        if n and num["article-" .. n] == nil and epubfile["article-" .. n] then
          if pre ~= "" then out:insert(pandoc.Str(pre)) end
          out:insert(pandoc.Link({ pandoc.Str("[" .. n .. "]") }, "#article-" .. n))
          if post ~= "" then out:insert(pandoc.Str(post)) end
          i = i + 1; done = true
        else
          local parts = link_str(x.text)
          if parts then out:extend(parts); i = i + 1; done = true end
        end
      end
      if not done and LATEX and x.t == "Str" and has_cjk(x.text) then
        out:insert(pandoc.RawInline("latex", "\\begin{CJK}{UTF8}{gbsn}" .. inlines_to("latex", { x }) .. "\\end{CJK}"))
        i = i + 1; done = true
      end
      if not done then out:insert(x); i = i + 1 end
    end
    return out
  end,
}

-- ------------------------------------------------------ the plan of the book
-- ::: {.nwplan} holds a list whose items read "N: what chapter N holds" (or
-- "last: ..."). Each becomes "Chapter N, <title>: ..." with a link when the
-- chapter is in the book, "Chapter N (to come): ..." when it is not; a last
-- paragraph names the chapters still to come.
local function plan_block(div)
  local items, tocome = pandoc.List(), {}
  for _, blk in ipairs(div.content) do
    if blk.t == "BulletList" then
      for _, item in ipairs(blk.content) do
        local first = item[1]
        local inl = first and first.content or {}
        local head = inl[1] and inl[1].t == "Str" and inl[1].text:match("^([%w]+):$")
        if head then
          local rest = pandoc.List()
          for i = 3, #inl do rest:insert(inl[i]) end       -- after "N:" and a space
          local c = chapters[head]
          local lead
          if c then
            lead = pandoc.List({ pandoc.Str("Chapter\u{00A0}" .. head .. ","), pandoc.Space(),
                                 pandoc.Link(c.title, "#" .. c.id) })
          else
            table.insert(tocome, head)
            lead = pandoc.List({ pandoc.Emph({ pandoc.Str(head == "last" and "The last chapter" or ("Chapter\u{00A0}" .. head)),
                                               pandoc.Space(), pandoc.Str("(to"), pandoc.Space(), pandoc.Str("come)") }) })
          end
          items:insert({ pandoc.Plain(lead .. { pandoc.Str(":"), pandoc.Space() } .. rest) })
        end
      end
    end
  end
  local blocks = pandoc.List({ pandoc.BulletList(items) })
  if #tocome > 0 then
    -- "chapters 7 and 12 to 15, and the last chapter"
    local nums, last, runs = {}, false, {}
    for _, t in ipairs(tocome) do if t == "last" then last = true else table.insert(nums, tonumber(t) or t) end end
    local i = 1
    while i <= #nums do
      local j = i
      while j < #nums and type(nums[j]) == "number" and nums[j + 1] == nums[j] + 1 do j = j + 1 end
      table.insert(runs, j - i >= 2 and (nums[i] .. " to " .. nums[j]) or tostring(nums[i]))
      if j - i == 1 then table.insert(runs, tostring(nums[j])) end
      i = j + 1
    end
    local s = ""
    if #runs > 0 then
      s = (#nums == 1 and "chapter " or "chapters ")
        .. (#runs == 1 and runs[1] or table.concat(runs, ", ", 1, #runs - 1) .. " and " .. runs[#runs])
    end
    if last then s = s .. (s ~= "" and ", and " or "") .. "the last chapter" end
    blocks:insert(pandoc.Para({ pandoc.Str("Still to come: " .. s .. ".") }))
  end
  return blocks
end

-- an output block: in the PDF its lines broken to the measure, a recorded
-- file ({{file}}) a size smaller
function output_div(b)
  local file = has_class(b, "file")
  for _, x in ipairs(b.content) do
    if x.t == "CodeBlock" and LATEX then
      x.text = wrap_text(x.text, capacity(TEXTWIDTH - FRAME, file and "footnotesize" or "small"))
    end
  end
  if LATEX and file then
    return pandoc.List({ pandoc.RawBlock("latex", "\\begingroup\\fvset{fontsize=\\footnotesize}\\renewcommand\\nwverbsize{\\footnotesize}"),
                         b:walk(prose), pandoc.RawBlock("latex", "\\endgroup") })
  end
  return pandoc.List({ b:walk(prose) })
end

-- ------------------------------------------------------------- pass 2
local function transform(doc)
  local blocks = pandoc.List()
  local mark_after = nil
  local started_main, in_back, chapter_numbered = false, false, false
  local appendix_started = false
  local epubno = 0
  for _, b in ipairs(doc.blocks) do
    local out = b
    if b.t == "RawBlock" and b.format == "html" and b.text:match("^<!%-%- nwfile ") then
      out = nil
    elseif b.t == "Header" then
      local chapnum = b.attributes["nwchap"]
      local secnum = b.attributes["nwnum"]
      b.attributes["nwchap"] = nil; b.attributes["nwnum"] = nil
      if b.level == 1 then
        epubno = epubno + 1
        current_file = string.format("ch%03d.xhtml", epubno)
        chapter_numbered = chapnum ~= nil and chapnum ~= ""
        if chapter_numbered then
          b.attributes["number"] = chapnum
          if LATEX then
            local pre = {}
            if not started_main then table.insert(pre, "\\nwmainmatter"); started_main = true end
            if has_class(b, "appendix") then
              if not appendix_started then table.insert(pre, "\\appendix"); appendix_started = true end
              table.insert(pre, string.format("\\setcounter{chapter}{%d}", chapnum:byte() - 65))
            else
              table.insert(pre, string.format("\\setcounter{chapter}{%d}", tonumber(chapnum) - 1))
            end
            blocks:insert(pandoc.RawBlock("latex", table.concat(pre, "\n")))
          end
        elseif LATEX and started_main and not in_back then
          blocks:insert(pandoc.RawBlock("latex", "\\nwbackmatter")); in_back = true
        end
        if LATEX and not chapter_numbered then      -- running heads of an unnumbered chapter
          local t = inlines_to("latex", { pandoc.Str(pandoc.utils.stringify(b.content)) })
          mark_after = pandoc.RawBlock("latex", "\\markboth{\\MakeUppercase{" .. t .. "}}{\\MakeUppercase{" .. t .. "}}")
        end
      else
        if secnum and secnum ~= "" then b.attributes["number"] = secnum
        elseif not chapter_numbered and secnum then b.classes:insert("unnumbered") end
      end
      in_header = true
      out = b:walk(prose)
      in_header = false
      if mark_after then blocks:insert(out); out = mark_after; mark_after = nil end
    elseif b.t == "Div" and has_class(b, "nwchunk") then
      local label = b.identifier
      local content = pandoc.List()
      for i, x in ipairs(b.content) do
        if i == 1 and x.t == "Para" then
          x = x:walk(prose)
          if LATEX then x.content:insert(1, pandoc.RawInline("latex", "\\nwmark{" .. label .. "}")) end
          content:insert(x)
        elseif x.t == "CodeBlock" then
          content:insert(chunk_code(x, capacity(TEXTWIDTH - FRAME, "small")))
        else
          content:insert(x:walk(prose))
        end
      end
      b.content = content
      out = b
    elseif b.t == "Div" and has_class(b, "compare") then
      out = compare_block(b)
      if out.t == "Div" then blocks:extend(output_div(out)); out = nil end
    elseif b.t == "Div" and has_class(b, "nwplan") then
      blocks:extend(plan_block(b):map(function(x) return x:walk(prose) end))
      out = nil
    elseif b.t == "Div" and has_class(b, "output") then
      blocks:extend(output_div(b)); out = nil
    elseif b.t == "CodeBlock" then
      if LATEX then
        b.text = wrap_text(b.text, capacity(TEXTWIDTH - FRAME, "small"))
      end
    elseif b.t == "Para" and #b.content == 1 and b.content[1].t == "Image" and #b.content[1].caption > 0 then
      local img = b.content[1]
      if LATEX then figure_latex(img)
      else
        img.attributes["width"] = nil
        local n = img.attributes["nwfig"]
        if n then
          img.caption = pandoc.List({ pandoc.Strong({ pandoc.Str("Figure\u{00A0}" .. n) }), pandoc.Str(":"), pandoc.Space() }) .. img.caption
        end
      end
      img.attributes["nwfig"] = nil
      out = b:walk(prose)
    else
      out = b:walk(prose)
    end
    if out then blocks:insert(out) end
  end
  doc.blocks = blocks
  return doc
end

function Pandoc(doc)
  collect(doc)
  return transform(doc)
end
