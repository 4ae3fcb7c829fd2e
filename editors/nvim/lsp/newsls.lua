-- The newsls language server for Neovim 0.11+, in the `vim.lsp.config` format: put this
-- folder on 'runtimepath' (or copy this file and lua/newsls/ to ~/.config/nvim/) and call
-- `vim.lsp.enable('newsls')`. Override any field with `vim.lsp.config('newsls', { ... })`.
-- See `:help newsls`.

---@type vim.lsp.Config
return {
  cmd = { 'newsls', 'lsp' },
  -- `news` is the filetype plugin/newsls.lua gives to *.news.txt and *.news.md. Plain text and
  -- Markdown are candidates only: `root_dir` below attaches to them in a corpus or on opt-in.
  filetypes = { 'news', 'text', 'markdown' },
  -- The server knows the LSP language ids plaintext, markdown and news; Neovim's filetype for
  -- plain text is `text`.
  get_language_id = function(_, filetype)
    return filetype == 'text' and 'plaintext' or filetype
  end,
  -- Attaches only where newsls is wanted: in a corpus (a newsls.toml up the tree, whose folder
  -- is the root), to the `news` filetype anywhere, or to any text and Markdown when the user
  -- opts in (vim.g.newsls_enable, vim.b.newsls_enable or settings.newsls.enable). Otherwise
  -- `on_dir` is never called and Neovim does not start the server for the buffer.
  root_dir = function(bufnr, on_dir)
    local root = require('newsls').root_dir(bufnr)
    if root then
      on_dir(root)
    end
  end,
  -- Answered to the server's `workspace/configuration` request for the `newsls` section;
  -- the same keys as the VS Code settings: `enable` (attach to all text and Markdown),
  -- `rules` (e.g. { ['relative-date'] = 'hint' }), `publicationDate` ('YYYY-MM-DD') and
  -- `include` (a list of globs; leave it out to use newsls.toml's).
  settings = {
    newsls = {
      rules = vim.empty_dict(),
    },
  },
}
