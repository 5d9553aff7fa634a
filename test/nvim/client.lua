-- Headless Neovim as an independent LSP client, set up with the README's own snippet
-- ($KIJUN_SETUP, extracted by the test): opens a standard, waits for Kijun's diagnostics, asks
-- for a hover, opens a second buffer of the same folder and writes what it got as JSON to
-- $KIJUN_NVIM_OUT.
local setup = os.getenv('KIJUN_SETUP')
local file = os.getenv('KIJUN_FILE')
local second = os.getenv('KIJUN_SECOND_FILE')
local out = os.getenv('KIJUN_NVIM_OUT')
local hover_line = tonumber(os.getenv('KIJUN_HOVER_LINE'))
local hover_char = tonumber(os.getenv('KIJUN_HOVER_CHAR'))

local result = { diagnostics = {}, hover = '', error = '', clients = 0, second_attached = false, root = '' }

local function finish()
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  dofile(setup)
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local got = vim.wait(15000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.code == 'uncovered-control' then return true end
    end
    return false
  end, 50)
  if not got then result.error = 'no uncovered-control diagnostic within 15 s' end
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, { code = d.code, message = d.message, lnum = d.lnum, col = d.col })
  end
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = hover_line, character = hover_char } }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 10000)
  for _, r in pairs(responses or {}) do
    if r.result and r.result.contents then result.hover = r.result.contents.value or '' end
  end
  vim.cmd('edit ' .. vim.fn.fnameescape(second))
  local second_buf = vim.api.nvim_get_current_buf()
  result.second_attached = next(vim.lsp.buf_get_clients(second_buf)) ~= nil
  result.clients = #vim.lsp.get_active_clients()
  for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do result.root = c.config.root_dir or '' end
end)
if not ok then result.error = tostring(err) end
finish()
