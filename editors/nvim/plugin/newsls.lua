-- Loads the newsls helpers for Neovim: the `news` filetype for *.news.txt and *.news.md, and
-- the :NewslsTimeline and :NewslsReindex commands. The server itself is configured in
-- lsp/newsls.lua and started by `vim.lsp.enable('newsls')`.

if vim.g.loaded_newsls then
  return
end
vim.g.loaded_newsls = true

vim.filetype.add({
  pattern = {
    ['.*%.news%.txt'] = 'news',
    ['.*%.news%.md'] = 'news',
  },
})

vim.api.nvim_create_user_command('NewslsTimeline', function()
  require('newsls').timeline()
end, { desc = 'newsls: fill the location list with the dated events of the corpus, in date order' })

vim.api.nvim_create_user_command('NewslsReindex', function()
  require('newsls').reindex()
end, { desc = 'newsls: make the server read the workspace again' })
