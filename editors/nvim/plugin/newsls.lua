-- Loads the newsls helpers for Neovim: the `news` filetype for *.news.txt and *.news.md, and
-- the :NewslsTimeline and :NewslsReindex commands. The server itself is configured in
-- lsp/newsls.lua and started by `vim.lsp.enable('newsls')`. See `:help newsls`.

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

vim.api.nvim_create_user_command('NewslsTimeline', function(command)
  if command.args == '' then
    require('newsls').timeline()
  elseif command.args == '%' then
    require('newsls').timeline({ bufnr = vim.api.nvim_get_current_buf() })
  else
    vim.notify('newsls: :NewslsTimeline takes no argument (the corpus) or % (this file)', vim.log.levels.ERROR)
  end
end, {
  nargs = '?',
  complete = function()
    return { '%' }
  end,
  desc = 'newsls: fill the quickfix list with the dated events of the corpus (or of this file with %), in date order',
})

vim.api.nvim_create_user_command('NewslsReindex', function()
  require('newsls').reindex()
end, { desc = 'newsls: make the server read the workspace again' })
