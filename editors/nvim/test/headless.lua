-- Tests the Neovim setup with the real editor, headless: loads editors/nvim the way a user
-- would (lsp/newsls.lua + plugin/newsls.lua), opens seed article 003, and checks diagnostics,
-- hover, go-to-definition and :NewslsTimeline through Neovim's own LSP client.
--
-- Run: nvim --clean --headless -l editors/nvim/test/headless.lua NEWSLS_BINARY REPOSITORY
-- Prints one line per check and "N passed, M failed"; exits 1 if any check failed.

local server_path = assert(arg[1], 'usage: headless.lua NEWSLS_BINARY REPOSITORY')
local repository = assert(arg[2], 'usage: headless.lua NEWSLS_BINARY REPOSITORY')
local SEED = '003_c60e1d219ac2aa0a.txt'
local TIMEOUT_MS = 20000

local passed, failed = 0, 0

--- Runs one named check; a Lua error or a failed assert fails it, and the run goes on.
local function check(name, body)
  local ok, err = xpcall(body, debug.traceback)
  if ok then
    passed = passed + 1
    io.stdout:write('ok - ' .. name .. '\n')
  else
    failed = failed + 1
    io.stdout:write('not ok - ' .. name .. '\n    ' .. tostring(err):gsub('\n', '\n    ') .. '\n')
  end
end

local client

--- Fails at once when the client never attached, instead of waiting out every timeout.
local function require_client()
  assert(client ~= nil and not client:is_stopped(), 'the newsls client is not running (see the first check)')
end

-- The user's setup: the plugin folder on 'runtimepath', the binary under test as cmd.
vim.opt.runtimepath:prepend(repository .. '/editors/nvim')
vim.cmd.runtime('plugin/newsls.lua')
vim.lsp.config('newsls', { cmd = { server_path, 'lsp' } })
vim.lsp.enable('newsls')

-- A private copy of the seeds, so nothing the server writes lands in the repository.
local workspace = vim.fn.tempname()
vim.fn.mkdir(workspace, 'p')
for _, name in ipairs(vim.fn.readdir(repository .. '/seeds')) do
  if name:match('%.txt$') then
    vim.fn.writefile(vim.fn.readfile(repository .. '/seeds/' .. name, 'b'), workspace .. '/' .. name, 'b')
  end
end
vim.fn.writefile({ '# newsls settings for the test corpus' }, workspace .. '/newsls.toml')
local seed_path = workspace .. '/' .. SEED

vim.cmd.edit(vim.fn.fnameescape(seed_path))
local buffer = vim.api.nvim_get_current_buf()

--- Moves the cursor into the `occurrence`-th match of the plain `needle`, `offset` bytes in.
local function put_cursor_on(needle, occurrence, offset)
  local seen = 0
  for line_number, line in ipairs(vim.api.nvim_buf_get_lines(buffer, 0, -1, false)) do
    local from = 1
    while true do
      local start = line:find(needle, from, true)
      if not start then
        break
      end
      seen = seen + 1
      if seen == occurrence then
        vim.api.nvim_win_set_cursor(0, { line_number, start - 1 + (offset or 0) })
        return
      end
      from = start + 1
    end
  end
  error(string.format('%q occurs fewer than %d times', needle, occurrence))
end

--- The text of a diagnostic's range (byte columns, as vim.diagnostic stores them).
local function diagnostic_text(diagnostic)
  local lines = vim.api.nvim_buf_get_text(buffer, diagnostic.lnum, diagnostic.col, diagnostic.end_lnum, diagnostic.end_col, {})
  return table.concat(lines, '\n')
end

check('the newsls client attaches to the seed article (filetype text, root at newsls.toml)', function()
  assert(vim.bo[buffer].filetype == 'text', 'filetype is ' .. vim.bo[buffer].filetype)
  assert(vim.wait(TIMEOUT_MS, function()
    client = vim.lsp.get_clients({ bufnr = buffer, name = 'newsls' })[1]
    return client ~= nil and client.initialized
  end, 50), 'no initialized newsls client on the buffer')
  assert(client.root_dir == workspace, 'root_dir ' .. tostring(client.root_dir) .. ', expected ' .. workspace)
  -- Neovim offers utf-8, utf-16 and utf-32; the server picks one and every range must use it.
  assert(client.offset_encoding == client.server_capabilities.positionEncoding or (client.server_capabilities.positionEncoding == nil and client.offset_encoding == 'utf-16'), 'offset encoding ' .. tostring(client.offset_encoding))
end)

check('the *.news.txt pattern gives the news filetype', function()
  assert(vim.filetype.match({ filename = 'corpus/a.news.txt' }) == 'news')
  assert(vim.filetype.match({ filename = 'corpus/a.news.md' }) == 'news')
end)

--- Waits until the buffer has a diagnostic that `accept` likes, and returns it.
local function wait_for_diagnostic(description, accept)
  require_client()
  local found
  local ok = vim.wait(TIMEOUT_MS, function()
    for _, diagnostic in ipairs(vim.diagnostic.get(buffer)) do
      if accept(diagnostic) then
        found = diagnostic
        return true
      end
    end
    return false
  end, 50)
  if not ok then
    local seen = {}
    for _, diagnostic in ipairs(vim.diagnostic.get(buffer)) do
      table.insert(seen, string.format('%s %d:%d %q', diagnostic.code, diagnostic.lnum + 1, diagnostic.col + 1, diagnostic_text(diagnostic)))
    end
    error('no ' .. description .. '; diagnostics: ' .. table.concat(seen, '; '))
  end
  return found
end

check('diagnostics: "Register for FREE" is a boilerplate hint', function()
  local diagnostic = wait_for_diagnostic('boilerplate hint on "Register for FREE"', function(diagnostic)
    return diagnostic.code == 'boilerplate' and diagnostic_text(diagnostic) == 'Register for FREE'
  end)
  assert(diagnostic.severity == vim.diagnostic.severity.HINT, 'severity ' .. diagnostic.severity)
  assert(diagnostic.source == 'newsls', 'source ' .. tostring(diagnostic.source))
end)

check('diagnostics: the "Exciting news! …" quote is an unattributed-quote warning', function()
  local diagnostic = wait_for_diagnostic('unattributed-quote on "Exciting news!"', function(diagnostic)
    return diagnostic.code == 'unattributed-quote' and diagnostic_text(diagnostic):find('Exciting news! Mid-day is now on WhatsApp', 1, true) ~= nil
  end)
  assert(diagnostic.severity == vim.diagnostic.severity.WARN, 'severity ' .. diagnostic.severity)
end)

--- Calls vim.lsp.buf.hover() at the cursor and returns the text of the floating window it opens.
local function hover_text()
  require_client()
  vim.lsp.buf.hover()
  local text
  vim.wait(TIMEOUT_MS, function()
    for _, window in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(window).relative ~= '' then
        text = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(window), 0, -1, false), '\n')
        return true
      end
    end
    return false
  end, 50)
  -- Close the float so the next hover opens a fresh one.
  for _, window in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(window).relative ~= '' then
      vim.api.nvim_win_close(window, true)
    end
  end
  return text
end

check('hover: "Sunday" shows 2021-12-12 in the hover window', function()
  put_cursor_on('Sunday said', 1, 2)
  local text = hover_text()
  assert(text, 'no hover window opened')
  assert(text:find('2021-12-12', 1, true), 'hover text: ' .. text)
end)

check('definition: a later "Blinken" jumps to the first "Antony Blinken" of the article', function()
  require_client()
  put_cursor_on('added Blinken', 1, #'added ' + 1)
  local before = vim.api.nvim_win_get_cursor(0)
  vim.lsp.buf.definition()
  assert(vim.wait(TIMEOUT_MS, function()
    local now = vim.api.nvim_win_get_cursor(0)
    return now[1] ~= before[1] or now[2] ~= before[2]
  end, 50), 'the cursor did not move')
  local row, column = unpack(vim.api.nvim_win_get_cursor(0))
  local line = vim.api.nvim_buf_get_lines(0, row - 1, row, false)[1]
  assert(vim.api.nvim_get_current_buf() == buffer, 'jumped to another buffer')
  assert(line:sub(column + 1, column + #'Antony Blinken') == 'Antony Blinken', string.format('cursor at %d:%d on %q', row, column + 1, line))
  local first_in_body = vim.fn.search('Antony Blinken on Sunday', 'nw')
  assert(row < first_in_body, string.format('jumped to line %d, not before line %d', row, first_in_body))
end)

check(':NewslsTimeline fills the location list with 2021-12-12 from seed 003', function()
  require_client()
  vim.cmd('NewslsTimeline')
  local items
  assert(vim.wait(TIMEOUT_MS, function()
    items = vim.fn.getloclist(0)
    if #items == 0 then
      -- :lopen moved the focus to the location window, which shares the list.
      items = vim.fn.getloclist(vim.fn.win_getid(vim.fn.winnr('#')))
    end
    return #items > 0
  end, 50), 'the location list stayed empty')
  local found = false
  for _, item in ipairs(items) do
    if item.text:find('^2021%-12%-12') and vim.api.nvim_buf_get_name(item.bufnr) == seed_path then
      found = true
    end
  end
  assert(found, 'no 2021-12-12 item of ' .. SEED .. ': ' .. vim.inspect(items):sub(1, 1500))
end)

check('the server stops cleanly when the client stops', function()
  assert(client, 'no client')
  local exit_code
  vim.api.nvim_create_autocmd('LspDetach', {
    callback = function(event)
      if event.data.client_id == client.id then
        exit_code = exit_code or 'detached'
      end
    end,
  })
  client:stop()
  assert(vim.wait(TIMEOUT_MS, function()
    return client:is_stopped()
  end, 50), 'the client did not stop')
end)

vim.fn.delete(workspace, 'rf')
io.stdout:write(string.format('%d passed, %d failed\n', passed, failed))
os.exit(failed == 0 and 0 or 1)
