" dabiao rule files
autocmd BufRead,BufNewFile *.dab setfiletype dabiao
