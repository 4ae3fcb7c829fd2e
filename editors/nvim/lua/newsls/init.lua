-- The newsls helpers for Neovim (see `:help newsls`):
--   - which buffers the server attaches to (`root_dir`, used by lsp/newsls.lua);
--   - the corpus timeline in the quickfix list, from the server's `newsls/timeline` request
--     (or the `timeline` container of `workspace/symbol` when the server predates it);
--   - re-indexing: the server's `newsls.reindex` command if it announces one, else a restart
--     of the client through public APIs only.

local M = {}

--- The name of the configuration in `vim.lsp.config` and of the clients.
M.NAME = 'newsls'
--- The custom request that answers the timeline (`{ events = TimelineEvent[] }`).
M.TIMELINE_METHOD = 'newsls/timeline'
--- The `containerName` of the workspace symbols that are dated events ("VALUE SUMMARY"), the
--- timeline of servers without `newsls/timeline`.
M.TIMELINE_CONTAINER = 'timeline'
--- The server command that re-reads the workspace, when the server announces it.
M.REINDEX_COMMAND = 'newsls.reindex'
--- The title of the quickfix list the timeline fills.
M.TIMELINE_TITLE = 'newsls timeline'
--- How long :NewslsReindex waits for the old server to exit before killing it.
M.STOP_TIMEOUT_MS = 5000

local METHOD_NOT_FOUND = vim.lsp.protocol.ErrorCodes.MethodNotFound

--- Whether the user opted in to checking every plain-text and Markdown buffer, not only those
--- of a corpus: `vim.b.newsls_enable`, else `vim.g.newsls_enable`, else the `enable` key of the
--- `newsls` settings (`vim.lsp.config('newsls', { settings = { newsls = { enable = true } } })`).
---@param bufnr integer
---@return boolean
function M.enabled(bufnr)
  local buffer_setting = vim.b[bufnr].newsls_enable
  if buffer_setting ~= nil then
    return buffer_setting == true or buffer_setting == 1
  end
  local global_setting = vim.g.newsls_enable
  if global_setting ~= nil then
    return global_setting == true or global_setting == 1
  end
  -- vim.lsp.config is Neovim 0.11's; with nvim-lspconfig on 0.10 only the variables count.
  local ok, config = pcall(function()
    return vim.lsp.config[M.NAME]
  end)
  return ok and vim.tbl_get(config or {}, 'settings', 'newsls', 'enable') == true
end

--- The workspace root of a buffer the server should check, or nil when it should not attach:
--- the folder of the nearest `newsls.toml` above the file (a corpus); else, for the `news`
--- filetype or when the user opted in (|M.enabled|), the file's repository (`.git`) or folder.
---@param bufnr integer
---@return string?
function M.root_dir(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' then
    return nil
  end
  local corpus = vim.fs.root(bufnr, 'newsls.toml')
  if corpus then
    return corpus
  end
  if vim.bo[bufnr].filetype == 'news' or M.enabled(bufnr) then
    return vim.fs.root(bufnr, '.git') or vim.fs.dirname(vim.fs.normalize(vim.fn.fnamemodify(name, ':p')))
  end
  return nil
end

--- The newsls client of `bufnr`, else (unless `only_buffer`) any running newsls client.
---@param bufnr integer
---@param only_buffer boolean?
---@return vim.lsp.Client?
local function find_client(bufnr, only_buffer)
  local clients = vim.lsp.get_clients({ bufnr = bufnr, name = M.NAME })
  if #clients == 0 and not only_buffer then
    clients = vim.lsp.get_clients({ name = M.NAME })
  end
  if #clients == 0 then
    vim.notify(
      only_buffer and 'newsls: the language server is not attached to this buffer (see :help newsls-attach)'
        or 'newsls: no language server is running (see :help newsls-setup)',
      vim.log.levels.WARN
    )
    return nil
  end
  return clients[1]
end

--- Reads the lines of the files the timeline points into, once per file: from the buffer when
--- it is loaded (it may be newer than the disk), else from the disk.
local function line_reader()
  local loaded = {}
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.api.nvim_buf_get_name(bufnr) ~= '' then
      loaded[vim.uri_from_bufnr(bufnr)] = bufnr
    end
  end
  local cache = {}
  return function(uri, row)
    local lines = cache[uri]
    if lines == nil then
      if loaded[uri] then
        lines = vim.api.nvim_buf_get_lines(loaded[uri], 0, -1, false)
      else
        local ok, read = pcall(vim.fn.readfile, vim.uri_to_fname(uri))
        lines = ok and read or {}
      end
      cache[uri] = lines
    end
    return lines[row + 1]
  end
end

--- An LSP position (in the client's encoding) as a 1-based byte column.
local function byte_column(line, character, encoding)
  if not line then
    return character + 1
  end
  local ok, index = pcall(vim.str_byteindex, line, encoding, character, false)
  return (ok and index or character) + 1
end

--- One line of the timeline: `VALUE  SUMMARY [ENTITY, …]`.
---@param event table a TimelineEvent
---@return string
function M.event_text(event)
  local value = event.value
  if type(value) ~= 'string' or value == '' then
    value = type(event.text) == 'string' and event.text or '?'
  end
  local text = value
  local summary = type(event.summary) == 'string' and vim.trim((event.summary:gsub('%s+', ' '))) or ''
  if summary ~= '' then
    text = text .. '  ' .. summary
  end
  local names = {}
  for _, entity in ipairs(type(event.entities) == 'table' and event.entities or {}) do
    if type(entity) == 'table' and type(entity.name) == 'string' then
      table.insert(names, entity.name)
    end
  end
  if #names > 0 then
    text = text .. ' [' .. table.concat(names, ', ') .. ']'
  end
  return text
end

--- Turns timeline events (the `events` of the answer to `newsls/timeline`) into quickfix
--- items, in the order given (the server's: chronological). Ranges are converted from the
--- server's position encoding to byte columns. Each item's `user_data` keeps the event's
--- `value`, `start`, `end` and `granularity`.
---@param events table[]
---@param position_encoding string
---@return vim.quickfix.entry[]
function M.timeline_items(events, position_encoding)
  local read_line = line_reader()
  local items = {}
  for _, event in ipairs(events or {}) do
    local range = event.range
    if type(event.uri) == 'string' and type(range) == 'table' and range.start then
      local start, finish = range.start, range['end'] or range.start
      table.insert(items, {
        filename = vim.uri_to_fname(event.uri),
        lnum = start.line + 1,
        col = byte_column(read_line(event.uri, start.line), start.character, position_encoding),
        end_lnum = finish.line + 1,
        end_col = byte_column(read_line(event.uri, finish.line), finish.character, position_encoding),
        text = M.event_text(event),
        user_data = {
          value = event.value,
          start = event.start ~= vim.NIL and event.start or nil,
          ['end'] = event['end'] ~= vim.NIL and event['end'] or nil,
          granularity = event.granularity,
        },
      })
    end
  end
  return items
end

--- The timeline events of an answer to `workspace/symbol` (servers without
--- `newsls/timeline`): the symbols of the `timeline` container, named `VALUE SUMMARY`, sorted
--- by value, then file, then line; only those of `uri` when given.
---@param symbols lsp.WorkspaceSymbol[]|lsp.SymbolInformation[]
---@param uri string?
---@return table[]
function M.events_from_symbols(symbols, uri)
  local events = {}
  for _, symbol in ipairs(symbols or {}) do
    local location = symbol.location
    if
      symbol.containerName == M.TIMELINE_CONTAINER
      and location
      and location.range
      and (uri == nil or location.uri == uri)
    then
      local value, summary = symbol.name:match('^(%S+)%s*(.*)$')
      table.insert(events, {
        value = value or symbol.name,
        summary = summary or '',
        uri = location.uri,
        range = location.range,
      })
    end
  end
  table.sort(events, function(left, right)
    if left.value ~= right.value then
      return left.value < right.value
    end
    if left.uri ~= right.uri then
      return left.uri < right.uri
    end
    return left.range.start.line < right.range.start.line
  end)
  return events
end

--- Fills the quickfix list with the items and opens it; tells `User NewslsTimeline` listeners.
local function show_timeline(items, title, source)
  vim.fn.setqflist({}, ' ', { title = title, items = items })
  if #items == 0 then
    vim.notify('newsls: no dated events yet', vim.log.levels.INFO)
  else
    vim.cmd('botright copen')
  end
  vim.api.nvim_exec_autocmds('User', {
    pattern = 'NewslsTimeline',
    modeline = false,
    data = { count = #items, source = source, title = title },
  })
end

--- Fills the quickfix list with the timeline, in chronological order, and opens it: the whole
--- workspace's, or only that of the buffer `opts.bufnr` when given.
---@param opts { bufnr: integer? }?
function M.timeline(opts)
  opts = opts or {}
  local bufnr = opts.bufnr
  local client = find_client(bufnr or vim.api.nvim_get_current_buf(), bufnr ~= nil)
  if not client then
    return
  end
  local uri = bufnr and vim.uri_from_bufnr(bufnr) or nil
  local params = uri and { textDocument = { uri = uri } } or vim.empty_dict()
  local title = uri and (M.TIMELINE_TITLE .. ': ' .. vim.fn.fnamemodify(vim.uri_to_fname(uri), ':~:.'))
    or M.TIMELINE_TITLE
  local function failed(err)
    vim.notify('newsls: timeline failed: ' .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
  end
  client:request(M.TIMELINE_METHOD, params, function(err, result)
    if err and err.code == METHOD_NOT_FOUND then
      -- A server from before `newsls/timeline`: its workspace symbols hold the timeline.
      client:request('workspace/symbol', { query = '' }, function(symbol_err, symbols)
        if symbol_err then
          return failed(symbol_err)
        end
        local events = M.events_from_symbols(symbols, uri)
        show_timeline(M.timeline_items(events, client.offset_encoding), title, 'workspace/symbol')
      end, bufnr)
      return
    elseif err then
      return failed(err)
    end
    local events = type(result) == 'table' and result.events or {}
    show_timeline(M.timeline_items(events, client.offset_encoding), title, M.TIMELINE_METHOD)
  end, bufnr)
end

--- Stops `client` and starts a new one with the same configuration (root included) on the
--- buffers it was attached to, once the old server has exited (killed after
--- |M.STOP_TIMEOUT_MS|). Uses only `Client:stop()` and `vim.lsp.start()`.
---@param client vim.lsp.Client
---@param on_done fun(client_id: integer?)?
function M.restart(client, on_done)
  local buffers = vim.tbl_keys(client.attached_buffers)
  table.sort(buffers)
  local config = vim.deepcopy(client.config)
  local old_id = client.id
  client:stop()
  local waited = 0
  local function start_when_stopped()
    if vim.lsp.get_client_by_id(old_id) ~= nil and waited < M.STOP_TIMEOUT_MS + 1000 then
      if waited >= M.STOP_TIMEOUT_MS then
        client:stop(true)
      end
      waited = waited + 20
      vim.defer_fn(start_when_stopped, 20)
      return
    end
    local new_id
    for _, buffer in ipairs(buffers) do
      if vim.api.nvim_buf_is_loaded(buffer) then
        new_id = vim.lsp.start(config, { bufnr = buffer }) or new_id
      end
    end
    if on_done then
      on_done(new_id)
    end
  end
  start_when_stopped()
end

--- Makes the server read the workspace again: its `newsls.reindex` command if it announces
--- one, else a restart (the server indexes the workspace when it starts).
---@param on_done fun(client_id: integer?)?
function M.reindex(on_done)
  local client = find_client(vim.api.nvim_get_current_buf())
  if not client then
    return
  end
  local commands = vim.tbl_get(client.server_capabilities or {}, 'executeCommandProvider', 'commands') or {}
  if vim.tbl_contains(commands, M.REINDEX_COMMAND) then
    client:exec_cmd({ title = 'Re-index', command = M.REINDEX_COMMAND, arguments = {} }, nil, function()
      if on_done then
        on_done(client.id)
      end
    end)
    return
  end
  M.restart(client, on_done)
end

return M
