-- The newsls commands for Neovim: the corpus timeline in the location list, and re-indexing.
-- The timeline is the `timeline` container of the server's workspace symbols, as in the VS Code
-- extension; re-indexing uses the server's `newsls.reindex` command if it has one, else a restart.

local M = {}

--- The `containerName` of the workspace symbols that are dated events ("VALUE SUMMARY").
M.TIMELINE_CONTAINER = 'timeline'
--- The server command that re-reads the workspace, when the server announces it.
M.REINDEX_COMMAND = 'newsls.reindex'

--- The newsls client of the current buffer, else any running newsls client.
---@return vim.lsp.Client?
local function find_client()
  local clients = vim.lsp.get_clients({ bufnr = 0, name = 'newsls' })
  if #clients == 0 then
    clients = vim.lsp.get_clients({ name = 'newsls' })
  end
  if #clients == 0 then
    vim.notify('newsls: no language server is running (:lua vim.lsp.enable("newsls"))', vim.log.levels.WARN)
    return nil
  end
  return clients[1]
end

--- Turns the answer to `workspace/symbol` into location-list items, sorted by date. The server
--- sends UTF-16 columns, which `locations_to_items` converts to byte columns.
---@param symbols lsp.WorkspaceSymbol[]|lsp.SymbolInformation[]
---@param position_encoding string
---@return vim.quickfix.entry[]
function M.timeline_items(symbols, position_encoding)
  local events = {}
  for _, symbol in ipairs(symbols or {}) do
    if symbol.containerName == M.TIMELINE_CONTAINER and symbol.location and symbol.location.range then
      local value, summary = symbol.name:match('^(%S+)%s*(.*)$')
      table.insert(events, { value = value or symbol.name, summary = summary or '', location = symbol.location })
    end
  end
  table.sort(events, function(left, right)
    if left.value ~= right.value then
      return left.value < right.value
    end
    if left.location.uri ~= right.location.uri then
      return left.location.uri < right.location.uri
    end
    return left.location.range.start.line < right.location.range.start.line
  end)
  local items = {}
  for _, event in ipairs(events) do
    local item = vim.lsp.util.locations_to_items({ event.location }, position_encoding)[1]
    if item then
      item.text = string.format('%s  %s', event.value, (event.summary:gsub('%s+', ' ')))
      table.insert(items, item)
    end
  end
  return items
end

--- Fills the window's location list with the corpus timeline and opens it.
function M.timeline()
  local client = find_client()
  if not client then
    return
  end
  local window = vim.api.nvim_get_current_win()
  client:request('workspace/symbol', { query = '' }, function(err, result)
    if err then
      vim.notify('newsls: timeline failed: ' .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
      return
    end
    local items = M.timeline_items(result, client.offset_encoding)
    if not vim.api.nvim_win_is_valid(window) then
      window = vim.api.nvim_get_current_win()
    end
    vim.fn.setloclist(window, {}, ' ', { title = 'newsls timeline', items = items })
    if #items == 0 then
      vim.notify('newsls: no dated events yet', vim.log.levels.INFO)
    else
      vim.api.nvim_win_call(window, function()
        vim.cmd('lopen')
      end)
    end
  end)
end

--- Makes the server read the workspace again: its `newsls.reindex` command if it announces
--- one, else a restart (the server indexes the workspace when it starts).
function M.reindex()
  local client = find_client()
  if not client then
    return
  end
  local commands = vim.tbl_get(client.server_capabilities, 'executeCommandProvider', 'commands') or {}
  if vim.tbl_contains(commands, M.REINDEX_COMMAND) then
    client:exec_cmd({ title = 'Re-index', command = M.REINDEX_COMMAND, arguments = {} })
    return
  end
  local buffers = vim.tbl_keys(client.attached_buffers)
  client:stop()
  vim.wait(5000, function()
    return client:is_stopped()
  end, 20)
  -- vim.lsp.enable() starts clients from this FileType autocommand group.
  for _, buffer in ipairs(buffers) do
    if vim.api.nvim_buf_is_valid(buffer) then
      vim.api.nvim_exec_autocmds('FileType', { group = 'nvim.lsp.enable', buffer = buffer })
    end
  end
end

return M
