-- The newsls language server for Neovim 0.11+, in the `vim.lsp.config` format: put this
-- folder on 'runtimepath' (or copy this file to ~/.config/nvim/lsp/) and call
-- `vim.lsp.enable('newsls')`. Override any field with `vim.lsp.config('newsls', { ... })`.

---@type vim.lsp.Config
return {
  cmd = { 'newsls', 'lsp' },
  -- `news` is the filetype plugin/newsls.lua gives to *.news.txt and *.news.md.
  filetypes = { 'news', 'text', 'markdown' },
  -- The server knows the LSP language ids plaintext, markdown and news; Neovim's filetype for
  -- plain text is `text`.
  get_language_id = function(_, filetype)
    return filetype == 'text' and 'plaintext' or filetype
  end,
  -- A corpus is the folder with a newsls.toml; a lone article falls back to its repository.
  root_markers = { 'newsls.toml', '.git' },
  -- Answered to the server's `workspace/configuration` request for the `newsls` section;
  -- the same keys as the VS Code settings: `rules` (e.g. { ['relative-date'] = 'hint' }),
  -- `publicationDate` ('YYYY-MM-DD') and `include` (a list of globs; leave it out to use newsls.toml's).
  settings = {
    newsls = {
      rules = vim.empty_dict(),
    },
  },
}
