-- Tests the Neovim setup with the real editor, headless: loads editors/nvim the way a user
-- would (lsp/newsls.lua + plugin/newsls.lua), opens seed article 003 in a corpus, and checks
-- through Neovim's own LSP client: diagnostics (the unattributed quote on
-- tests/fixtures/unattributed.txt, copied into the corpus: seed 003 has none), hover,
-- go-to-definition, when the server
-- attaches (corpus, *.news.txt, opt-in) and when it does not (a README in a repository without
-- newsls.toml), :NewslsTimeline (the quickfix list, in the server's chronological order, and
-- its workspace/symbol fallback), :NewslsReindex (without Neovim's private autocommand group)
-- and `:help newsls`.
--
-- Run: nvim --clean --headless -l editors/nvim/test/headless.lua NEWSLS_BINARY REPOSITORY
-- Prints one line per check and "N passed, M failed"; exits 1 if any check failed.

local server_path = assert(arg[1], 'usage: headless.lua NEWSLS_BINARY REPOSITORY')
local repository = assert(arg[2], 'usage: headless.lua NEWSLS_BINARY REPOSITORY')
local SEED = '003_c60e1d219ac2aa0a.txt'
-- An article whose one quotation has no speaker (tests/fixtures/unattributed.txt), in the corpus.
local UNATTRIBUTED = 'unattributed.txt'
local UNATTRIBUTED_QUOTE = 'We will not stop until every family'
local TIMEOUT_MS = 20000
local PRIVATE_GROUP = 'nvim.lsp.enable'

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

-- Which clients finished indexing: the server's work-done progress `newsls/indexing` ended.
local indexed = {}
vim.api.nvim_create_autocmd('LspProgress', {
  pattern = 'end',
  callback = function(event)
    if event.data.params.token == 'newsls/indexing' then
      indexed[event.data.client_id] = true
    end
  end,
})

-- The user's setup: the plugin folder on 'runtimepath', the binary under test as cmd.
local plugin_folder = repository .. '/editors/nvim'
vim.opt.runtimepath:prepend(plugin_folder)
vim.cmd.runtime('plugin/newsls.lua')
vim.lsp.config('newsls', { cmd = { server_path, 'lsp' } })
vim.lsp.enable('newsls')

local scratch = vim.fn.tempname()
vim.fn.mkdir(scratch, 'p')

-- A private copy of the seeds, so nothing the server writes lands in the repository.
local workspace = scratch .. '/corpus'
vim.fn.mkdir(workspace, 'p')
for _, name in ipairs(vim.fn.readdir(repository .. '/seeds')) do
  if name:match('%.txt$') then
    vim.fn.writefile(vim.fn.readfile(repository .. '/seeds/' .. name, 'b'), workspace .. '/' .. name, 'b')
  end
end
vim.fn.writefile(vim.fn.readfile(repository .. '/tests/fixtures/unattributed.txt', 'b'), workspace .. '/' .. UNATTRIBUTED, 'b')
vim.fn.writefile({ '# newsls settings for the test corpus' }, workspace .. '/newsls.toml')
local seed_path = workspace .. '/' .. SEED
-- The buffer of UNATTRIBUTED, once a check opened it.
local unattributed_buffer

vim.cmd.edit(vim.fn.fnameescape(seed_path))
local buffer = vim.api.nvim_get_current_buf()

--- The newsls clients attached to a buffer.
local function clients_of(bufnr)
  return vim.lsp.get_clients({ bufnr = bufnr, name = 'newsls' })
end

--- Waits for an initialized newsls client on the buffer and returns it.
local function wait_for_client(bufnr, what)
  local found
  assert(vim.wait(TIMEOUT_MS, function()
    found = clients_of(bufnr)[1]
    return found ~= nil and found.initialized
  end, 50), 'no initialized newsls client on ' .. what)
  return found
end

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
  local lines = vim.api.nvim_buf_get_text(diagnostic.bufnr, diagnostic.lnum, diagnostic.col, diagnostic.end_lnum, diagnostic.end_col, {})
  return table.concat(lines, '\n')
end

check('the newsls client attaches to the seed article (filetype text, root at newsls.toml)', function()
  assert(vim.bo[buffer].filetype == 'text', 'filetype is ' .. vim.bo[buffer].filetype)
  client = wait_for_client(buffer, 'the seed article')
  assert(client.root_dir == workspace, 'root_dir ' .. tostring(client.root_dir) .. ', expected ' .. workspace)
  -- Neovim offers utf-8, utf-16 and utf-32; the server picks one and every range must use it.
  assert(client.offset_encoding == client.server_capabilities.positionEncoding or (client.server_capabilities.positionEncoding == nil and client.offset_encoding == 'utf-16'), 'offset encoding ' .. tostring(client.offset_encoding))
end)

check('the *.news.txt pattern gives the news filetype', function()
  assert(vim.filetype.match({ filename = 'corpus/a.news.txt' }) == 'news')
  assert(vim.filetype.match({ filename = 'corpus/a.news.md' }) == 'news')
end)

--- Waits until the buffer (the seed's, unless `bufnr` is given) has a diagnostic (of the
--- namespace, if given) that `accept` likes, and returns it.
local function wait_for_diagnostic(description, accept, namespace, bufnr)
  require_client()
  bufnr = bufnr or buffer
  local found
  local ok = vim.wait(TIMEOUT_MS, function()
    for _, diagnostic in ipairs(vim.diagnostic.get(bufnr, { namespace = namespace })) do
      if accept(diagnostic) then
        found = diagnostic
        return true
      end
    end
    return false
  end, 50)
  if not ok then
    local seen = {}
    for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
      table.insert(seen, string.format('%s %d:%d %q', diagnostic.code, diagnostic.lnum + 1, diagnostic.col + 1, diagnostic_text(diagnostic)))
    end
    error('no ' .. description .. '; diagnostics: ' .. table.concat(seen, '; '))
  end
  return found
end

local function is_speakerless_quote(diagnostic)
  return diagnostic.code == 'unattributed-quote' and diagnostic_text(diagnostic):find(UNATTRIBUTED_QUOTE, 1, true) ~= nil
end

check('diagnostics: "Register for FREE" is a boilerplate hint', function()
  local diagnostic = wait_for_diagnostic('boilerplate hint on "Register for FREE"', function(diagnostic)
    return diagnostic.code == 'boilerplate' and diagnostic_text(diagnostic) == 'Register for FREE'
  end)
  assert(diagnostic.severity == vim.diagnostic.severity.HINT, 'severity ' .. diagnostic.severity)
  assert(diagnostic.source == 'newsls', 'source ' .. tostring(diagnostic.source))
end)

check('diagnostics: the quote of ' .. UNATTRIBUTED .. ' with no speaker is an unattributed-quote warning', function()
  require_client()
  vim.cmd.edit(vim.fn.fnameescape(workspace .. '/' .. UNATTRIBUTED))
  unattributed_buffer = vim.api.nvim_get_current_buf()
  local ok, err = pcall(function()
    local attached = wait_for_client(unattributed_buffer, UNATTRIBUTED)
    assert(attached.id == client.id, UNATTRIBUTED .. ' got another client than the seed (root ' .. tostring(attached.root_dir) .. ')')
    local diagnostic = wait_for_diagnostic('unattributed-quote on "' .. UNATTRIBUTED_QUOTE .. ' …"', is_speakerless_quote, nil, unattributed_buffer)
    assert(diagnostic.severity == vim.diagnostic.severity.WARN, 'severity ' .. diagnostic.severity)
  end)
  vim.api.nvim_set_current_buf(buffer)
  assert(ok, err)
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

-- Attach rules, in a repository without newsls.toml: a README.md and a notes.txt must not get
-- the server, an article.news.txt must. The README and the notes are opened first, so by the
-- time the news file's client is up, any start Neovim scheduled for them has run too.
local repo = scratch .. '/unrelated-repo'
vim.fn.mkdir(repo .. '/docs', 'p')
local article = 'The council met on Tuesday, the mayor said. "We will vote in March," she added.'
vim.fn.writefile({ '# A project', '', 'Not news: "this quote has no speaker".', '', 'Released on Tuesday.' }, repo .. '/README.md')
vim.fn.writefile({ 'Notes: "an unattributed quote" on Monday.' }, repo .. '/docs/notes.txt')
vim.fn.writefile({ 'date: 2021-03-14', '', article }, repo .. '/docs/article.news.txt')

--- Opens a file in a new buffer (in the current window) and returns the buffer.
local function open(path)
  vim.cmd.edit(vim.fn.fnameescape(path))
  return vim.api.nvim_get_current_buf()
end

local readme, notes, news_file

check('no attach: README.md and notes.txt of a git repository without newsls.toml', function()
  local git = vim.system({ 'git', 'init', '-q', repo }):wait()
  assert(git.code == 0, 'git init failed: ' .. tostring(git.stderr))
  assert(vim.fs.root(repo .. '/README.md', 'newsls.toml') == nil, 'a newsls.toml above ' .. repo .. ' makes this check meaningless')
  readme = open(repo .. '/README.md')
  notes = open(repo .. '/docs/notes.txt')
  assert(vim.bo[readme].filetype == 'markdown', 'README.md filetype ' .. vim.bo[readme].filetype)
  assert(vim.bo[notes].filetype == 'text', 'notes.txt filetype ' .. vim.bo[notes].filetype)
  news_file = open(repo .. '/docs/article.news.txt')
  local news_client = wait_for_client(news_file, 'article.news.txt (so the README check cannot pass vacuously)')
  -- Let anything still scheduled for the earlier buffers run.
  vim.wait(300, function()
    return false
  end, 20)
  assert(#clients_of(readme) == 0, 'newsls attached to README.md (root ' .. tostring((clients_of(readme)[1] or {}).root_dir) .. ')')
  assert(#clients_of(notes) == 0, 'newsls attached to docs/notes.txt')
  assert(news_client.root_dir ~= nil)
end)

check('attach: *.news.txt outside a corpus (filetype news, root at the repository)', function()
  assert(news_file, 'the previous check did not open the news file')
  assert(vim.bo[news_file].filetype == 'news', 'filetype ' .. vim.bo[news_file].filetype)
  local news_client = wait_for_client(news_file, 'article.news.txt')
  assert(news_client.root_dir == repo, 'root_dir ' .. tostring(news_client.root_dir) .. ', expected ' .. repo)
  assert(news_client.id ~= client.id, 'the corpus client was reused for another root')
  -- A lone *.news.md in a folder with no repository: the root is its folder.
  local lone = scratch .. '/lone'
  vim.fn.mkdir(lone, 'p')
  vim.fn.writefile({ 'date: 2021-03-14', '', article }, lone .. '/story.news.md')
  local lone_buffer = open(lone .. '/story.news.md')
  assert(vim.bo[lone_buffer].filetype == 'news', 'story.news.md filetype ' .. vim.bo[lone_buffer].filetype)
  local lone_client = wait_for_client(lone_buffer, 'story.news.md')
  assert(lone_client.root_dir == lone, 'root_dir ' .. tostring(lone_client.root_dir) .. ', expected ' .. lone)
end)

check('attach on opt-in: vim.g.newsls_enable = true attaches to the README after :edit', function()
  assert(readme and vim.api.nvim_buf_is_valid(readme), 'no README buffer')
  vim.g.newsls_enable = true
  local ok, err = pcall(function()
    vim.api.nvim_set_current_buf(readme)
    vim.cmd.edit()
    local readme_client = wait_for_client(readme, 'README.md with vim.g.newsls_enable')
    assert(readme_client.root_dir == repo, 'root_dir ' .. tostring(readme_client.root_dir))
  end)
  vim.g.newsls_enable = nil
  assert(ok, err)
  -- Off again: the notes, re-read, stay without the server.
  vim.api.nvim_set_current_buf(notes)
  vim.cmd.edit()
  vim.wait(300, function()
    return false
  end, 20)
  assert(#clients_of(notes) == 0, 'newsls attached to notes.txt without the opt-in')
end)

check('attach on opt-in: settings = { newsls = { enable = true } } attaches to notes.txt after :edit', function()
  assert(notes and vim.api.nvim_buf_is_valid(notes), 'no notes buffer')
  vim.lsp.config('newsls', { settings = { newsls = { enable = true } } })
  local ok, err = pcall(function()
    vim.api.nvim_set_current_buf(notes)
    vim.cmd.edit()
    local notes_client = wait_for_client(notes, 'notes.txt with settings.newsls.enable')
    assert(notes_client.root_dir == repo, 'root_dir ' .. tostring(notes_client.root_dir))
  end)
  vim.lsp.config('newsls', { settings = { newsls = { enable = false } } })
  assert(ok, err)
end)

-- Back to the corpus article for the commands.
vim.api.nvim_set_current_buf(buffer)

--- Sends a request to the corpus client and returns its result (errors fail the check).
local function request(method, params)
  require_client()
  local answer = client:request_sync(method, params, TIMEOUT_MS, buffer)
  assert(answer, method .. ': no answer within ' .. TIMEOUT_MS .. ' ms')
  assert(answer.err == nil, method .. ': ' .. vim.inspect(answer.err))
  return answer.result
end

--- Runs an Ex command that fills the quickfix list and waits for its `User NewslsTimeline`.
local function run_timeline_command(command)
  local done
  local autocmd = vim.api.nvim_create_autocmd('User', {
    pattern = 'NewslsTimeline',
    once = true,
    callback = function(event)
      done = event.data
    end,
  })
  vim.fn.setqflist({}, 'f')
  vim.cmd(command)
  local ok = vim.wait(TIMEOUT_MS, function()
    return done ~= nil
  end, 50)
  pcall(vim.api.nvim_del_autocmd, autocmd)
  assert(ok, command .. ' did not finish (no User NewslsTimeline)')
  return done, vim.fn.getqflist({ title = 1, items = 1 })
end

--- Checks that quickfix item i is event i of the server's answer (file, line, value, entities).
local function assert_items_match(items, events)
  assert(#items == #events, string.format('%d quickfix items, the server returned %d events', #items, #events))
  for index, event in ipairs(events) do
    local item = items[index]
    local expected_file = vim.uri_to_fname(event.uri)
    assert(vim.api.nvim_buf_get_name(item.bufnr) == expected_file, string.format('item %d is in %s, event in %s', index, vim.api.nvim_buf_get_name(item.bufnr), expected_file))
    assert(item.lnum == event.range.start.line + 1, string.format('item %d on line %d, event on line %d', index, item.lnum, event.range.start.line + 1))
    assert(vim.startswith(item.text, event.value .. '  '), string.format('item %d text %q does not start with %q', index, item.text, event.value))
    for _, entity in ipairs(event.entities or {}) do
      assert(item.text:find(entity.name, 1, true), string.format('item %d text %q lacks entity %q', index, item.text, entity.name))
    end
  end
end

--- Checks that the `start` dates are in chronological order, unresolved (null) ones last.
local function assert_chronological(starts)
  local seen_null = false
  for index = 1, #starts do
    local start = starts[index]
    if start == nil or start == vim.NIL then
      seen_null = true
    else
      assert(not seen_null, string.format('event %d (start %s) comes after an unresolved one', index, start))
      assert(start:match('^%d%d%d%d%-%d%d%-%d%d$'), string.format('event %d start %q is not YYYY-MM-DD', index, start))
      if index > 1 and starts[index - 1] ~= vim.NIL and starts[index - 1] ~= nil then
        assert(starts[index - 1] <= start, string.format('event %d starts %s, before event %d (%s)', index, start, index - 1, starts[index - 1]))
      end
    end
  end
end

--- The first item of seed 003 dated 2021-12-12 (the "Antony Blinken on Sunday" sentence).
local function find_seed_sunday(items)
  for _, item in ipairs(items) do
    if item.text:find('^2021%-12%-12') and vim.api.nvim_buf_get_name(item.bufnr) == seed_path then
      return item
    end
  end
end

local timeline_events

check(':NewslsTimeline fills the quickfix list with the workspace timeline, in the server\'s chronological order', function()
  require_client()
  assert(vim.wait(TIMEOUT_MS * 3, function()
    return indexed[client.id] == true
  end, 50), 'the server did not finish indexing (no end of the newsls/indexing progress)')
  vim.fn.setloclist(0, {}, 'f')
  local done, list = run_timeline_command('NewslsTimeline')
  assert(done.source == 'newsls/timeline', 'the list came from ' .. tostring(done.source) .. ', not newsls/timeline')
  assert(list.title == 'newsls timeline', 'quickfix title ' .. vim.inspect(list.title))
  local items = list.items
  assert(#items > 0, 'the quickfix list is empty')
  assert(#vim.fn.getloclist(0) == 0, 'the location list was filled too')
  assert(vim.bo.buftype == 'quickfix' and vim.fn.getwininfo(vim.api.nvim_get_current_win())[1].loclist == 0, 'the quickfix window did not open')
  timeline_events = request('newsls/timeline', vim.empty_dict()).events
  assert_items_match(items, timeline_events)
  local starts = {}
  for index, item in ipairs(items) do
    assert(type(item.user_data) == 'table', 'item ' .. index .. ' has no user_data')
    starts[index] = item.user_data.start
  end
  assert_chronological(starts)
  local sunday = find_seed_sunday(items)
  assert(sunday, 'no 2021-12-12 item of ' .. SEED .. ': ' .. vim.inspect(items):sub(1, 1500))
  assert(sunday.text:find('[', 1, true) and sunday.text:find('Antony Blinken', 1, true), 'the 2021-12-12 item names no entities: ' .. sunday.text)
  -- The files of the corpus all contribute: more than one article has dated events.
  local files = {}
  for _, item in ipairs(items) do
    files[item.bufnr] = true
  end
  assert(vim.tbl_count(files) > 1, 'the timeline holds the events of one article only')
  vim.cmd('cclose')
  vim.api.nvim_set_current_buf(buffer)
end)

check('the quickfix timeline has as many events as `newsls timeline --format json` prints', function()
  assert(timeline_events, 'the previous check did not get the server\'s timeline')
  local cli = vim.system({ server_path, 'timeline', workspace, '--format', 'json' }, { text = true }):wait()
  assert(cli.code == 0, '`newsls timeline` failed (' .. cli.code .. '): ' .. (cli.stderr or ''):sub(1, 500))
  local printed = vim.json.decode(cli.stdout)
  local items = vim.fn.getqflist()
  assert(#printed.events == #items, string.format('the CLI prints %d events, the quickfix list has %d', #printed.events, #items))
  -- The same events in the same order: file, line and value.
  for index, event in ipairs(printed.events) do
    local item = items[index]
    local item_file = vim.api.nvim_buf_get_name(item.bufnr)
    assert(vim.fs.basename(event.path) == vim.fs.basename(item_file) and event.line == item.lnum, string.format('event %d: the CLI says %s:%d, the quickfix list %s:%d', index, event.path, event.line, item_file, item.lnum))
    assert(vim.startswith(item.text, event.value .. '  '), string.format('event %d: the CLI says %s, the quickfix item %q', index, event.value, item.text))
  end
end)

check(':NewslsTimeline % lists the events of the current file only', function()
  require_client()
  vim.api.nvim_set_current_buf(buffer)
  local done, list = run_timeline_command('NewslsTimeline %')
  assert(done.source == 'newsls/timeline', 'the list came from ' .. tostring(done.source))
  local events = request('newsls/timeline', { textDocument = { uri = vim.uri_from_bufnr(buffer) } }).events
  assert(#events > 0, 'the server returned no events for ' .. SEED)
  local workspace_events = timeline_events or request('newsls/timeline', vim.empty_dict()).events
  assert(#events < #workspace_events, 'the file\'s timeline is as long as the workspace\'s')
  assert_items_match(list.items, events)
  for index, item in ipairs(list.items) do
    assert(item.bufnr == buffer, string.format('item %d is in %s', index, vim.api.nvim_buf_get_name(item.bufnr)))
  end
  assert(find_seed_sunday(list.items), 'no 2021-12-12 item')
  assert(list.title:find(SEED, 1, true), 'title ' .. list.title)
  vim.cmd('cclose')
  vim.api.nvim_set_current_buf(buffer)
end)

check(':NewslsTimeline falls back to the workspace/symbol timeline when the server answers MethodNotFound', function()
  -- An in-process server named newsls that predates newsls/timeline.
  local fake_path = scratch .. '/fake/old.txt'
  vim.fn.mkdir(scratch .. '/fake', 'p')
  vim.fn.writefile({ 'Later on 2021-12-14.', 'First on 2021-12-12.' }, fake_path)
  local fake_uri = vim.uri_from_fname(fake_path)
  local asked = {}
  local function range(line, from, to)
    return { start = { line = line, character = from }, ['end'] = { line = line, character = to } }
  end
  local answers = {
    initialize = { capabilities = { workspaceSymbolProvider = true } },
    ['workspace/symbol'] = {
      { name = '2021-12-14 Later on 2021-12-14.', kind = 14, containerName = 'timeline', location = { uri = fake_uri, range = range(0, 9, 19) } },
      { name = 'Acme', kind = 5, containerName = 'organizations', location = { uri = fake_uri, range = range(0, 0, 5) } },
      { name = '2021-12-12 First on 2021-12-12.', kind = 14, containerName = 'timeline', location = { uri = fake_uri, range = range(1, 9, 19) } },
    },
  }
  -- No newsls.toml above it: vim.lsp.enable() leaves it alone, only the fake attaches.
  local fake_buffer = open(fake_path)
  assert(#clients_of(fake_buffer) == 0, 'the real server attached to ' .. fake_path)
  local next_id = 0
  local fake_id = vim.lsp.start({
    name = 'newsls',
    root_dir = scratch .. '/fake',
    cmd = function(dispatchers)
      local closing = false
      local function exit(signal)
        if not closing then
          closing = true
          dispatchers.on_exit(0, signal)
        end
      end
      return {
        request = function(method, _, callback, notify_reply)
          next_id = next_id + 1
          local id = next_id
          table.insert(asked, method)
          vim.schedule(function()
            if method == 'newsls/timeline' then
              callback({ code = vim.lsp.protocol.ErrorCodes.MethodNotFound, message = 'Method not found' }, nil)
            else
              callback(nil, answers[method] or vim.NIL)
            end
            if notify_reply then
              notify_reply(id)
            end
          end)
          return true, id
        end,
        notify = function(method)
          if method == 'exit' then
            exit(0)
          end
          return true
        end,
        is_closing = function()
          return closing
        end,
        terminate = function()
          exit(15)
        end,
      }
    end,
  }, { bufnr = fake_buffer })
  assert(fake_id, 'the fake server did not start')
  local ok, err = pcall(function()
    assert(vim.wait(TIMEOUT_MS, function()
      local fake = vim.lsp.get_client_by_id(fake_id)
      return fake ~= nil and fake.initialized
    end, 20), 'the fake client did not initialize')
    vim.api.nvim_set_current_buf(fake_buffer)
    local done, list = run_timeline_command('NewslsTimeline %')
    assert(vim.tbl_contains(asked, 'newsls/timeline'), 'newsls/timeline was not asked first: ' .. vim.inspect(asked))
    assert(done.source == 'workspace/symbol', 'source ' .. tostring(done.source))
    local texts = vim.tbl_map(function(item)
      return item.text
    end, list.items)
    assert(vim.deep_equal(texts, { '2021-12-12  First on 2021-12-12.', '2021-12-14  Later on 2021-12-14.' }), vim.inspect(texts))
    assert(list.items[1].lnum == 2 and list.items[1].col == 10, vim.inspect(list.items[1]))
  end)
  vim.cmd('cclose')
  local fake = vim.lsp.get_client_by_id(fake_id)
  if fake then
    fake:stop(true)
  end
  vim.api.nvim_set_current_buf(buffer)
  assert(ok, err)
  assert(vim.wait(TIMEOUT_MS, function()
    return vim.lsp.get_client_by_id(fake_id) == nil
  end, 20), 'the fake client did not stop')
end)

check(':NewslsReindex restarts the server without Neovim\'s private nvim.lsp.enable group', function()
  require_client()
  vim.api.nvim_set_current_buf(buffer)
  -- No file of the plugin names the private group.
  for _, file in ipairs(vim.fs.find(function(name)
    return name:match('%.lua$') ~= nil
  end, { path = plugin_folder, type = 'file', limit = math.huge })) do
    if not file:find('/test/', 1, true) then
      local source = table.concat(vim.fn.readfile(file), '\n')
      assert(not source:find(PRIVATE_GROUP, 1, true), file .. ' names the private group ' .. PRIVATE_GROUP)
    end
  end
  -- And nothing runs its autocommands by group while re-indexing.
  local real_exec = vim.api.nvim_exec_autocmds
  local private_runs = 0
  vim.api.nvim_exec_autocmds = function(event, opts)
    if type(opts) == 'table' and opts.group == PRIVATE_GROUP then
      private_runs = private_runs + 1
    end
    return real_exec(event, opts)
  end
  local old = client
  local ok, err = pcall(function()
    vim.cmd('NewslsReindex')
    assert(vim.wait(TIMEOUT_MS, function()
      local now = clients_of(buffer)[1]
      return now ~= nil and now.id ~= old.id and now.initialized
    end, 50), 'no new initialized newsls client on the seed after :NewslsReindex')
  end)
  vim.api.nvim_exec_autocmds = real_exec
  assert(ok, err)
  assert(private_runs == 0, ':NewslsReindex ran the ' .. PRIVATE_GROUP .. ' autocommands ' .. private_runs .. ' time(s)')
  assert(old:is_stopped(), 'the old client still runs')
  assert(vim.wait(TIMEOUT_MS, function()
    return vim.lsp.get_client_by_id(old.id) == nil
  end, 50), 'the old server did not exit')
  client = clients_of(buffer)[1]
  assert(#clients_of(buffer) == 1, #clients_of(buffer) .. ' newsls clients on the seed')
  assert(client.root_dir == workspace, 'the new client\'s root_dir ' .. tostring(client.root_dir))
  assert(vim.lsp.is_enabled('newsls'), 'vim.lsp.enable("newsls") was undone')
  -- The new server analyses the open articles again and indexes the workspace.
  assert(unattributed_buffer, 'the diagnostics check did not open ' .. UNATTRIBUTED)
  wait_for_diagnostic('unattributed-quote on "' .. UNATTRIBUTED_QUOTE .. ' …" from the new server', is_speakerless_quote, vim.lsp.diagnostic.get_namespace(client.id, false), unattributed_buffer)
  assert(vim.wait(TIMEOUT_MS * 3, function()
    return indexed[client.id] == true
  end, 50), 'the new server did not index the workspace')
end)

check(':help newsls opens the help (helptags without errors, every |link| resolves)', function()
  -- :helptags writes a tags file next to the help: work on a copy, not in the repository.
  local help_root = scratch .. '/help'
  vim.fn.mkdir(help_root .. '/doc', 'p')
  local lines = vim.fn.readfile(plugin_folder .. '/doc/newsls.txt')
  vim.fn.writefile(lines, help_root .. '/doc/newsls.txt')
  vim.v.errmsg = ''
  local ok, err = pcall(vim.cmd, 'helptags ' .. vim.fn.fnameescape(help_root .. '/doc'))
  assert(ok, ':helptags failed: ' .. tostring(err))
  assert(vim.v.errmsg == '', ':helptags reported ' .. vim.v.errmsg)
  local tags = vim.fn.readfile(help_root .. '/doc/tags')
  assert(#tags >= 10, 'only ' .. #tags .. ' tags')
  vim.opt.runtimepath:prepend(help_root)
  vim.cmd('help newsls')
  assert(vim.bo.buftype == 'help', 'buftype ' .. vim.bo.buftype)
  assert(vim.api.nvim_buf_get_name(0) == help_root .. '/doc/newsls.txt', 'opened ' .. vim.api.nvim_buf_get_name(0))
  assert(vim.api.nvim_get_current_line():find('*newsls*', 1, true), 'the cursor is on ' .. vim.api.nvim_get_current_line())
  vim.cmd('helpclose')
  -- Every |link| outside the examples is a help tag (of this file or of Neovim's help).
  local in_example = false
  local broken = {}
  for number, line in ipairs(lines) do
    if in_example and (line:match('^<') or line:match('^%S')) then
      in_example = false
    end
    if not in_example then
      for link in line:gmatch('|([^|%s]+)|') do
        local found = pcall(vim.cmd, 'help ' .. vim.fn.escape(link, ' '))
        if found then
          vim.cmd('helpclose')
        else
          table.insert(broken, string.format('line %d: |%s|', number, link))
        end
      end
      if line:match(' >%a*$') or line:match('^>%a*$') then
        in_example = true
      end
    end
  end
  assert(#broken == 0, 'links to no tag: ' .. table.concat(broken, ', '))
  for _, tag in ipairs({ 'newsls-setup', 'newsls-attach', 'newsls-settings', 'newsls-commands', 'newsls-timeline', 'newsls-troubleshooting', ':NewslsTimeline', ':NewslsReindex', 'g:newsls_enable' }) do
    assert(pcall(vim.cmd, 'help ' .. tag), 'no help tag ' .. tag)
    vim.cmd('helpclose')
  end
end)

check('the servers stop cleanly when their clients stop', function()
  assert(client, 'no client')
  local running = vim.lsp.get_clients({ name = 'newsls' })
  assert(#running >= 2, #running .. ' newsls clients (the corpus, the repository, the lone file)')
  for _, each in ipairs(running) do
    each:stop()
  end
  assert(vim.wait(TIMEOUT_MS, function()
    return #vim.lsp.get_clients({ name = 'newsls' }) == 0
  end, 50), 'a server did not exit: ' .. #vim.lsp.get_clients({ name = 'newsls' }) .. ' still running')
end)

vim.fn.delete(scratch, 'rf')
io.stdout:write(string.format('%d passed, %d failed\n', passed, failed))
os.exit(failed == 0 and 0 or 1)
