" The Vim files of editors/vim, run by ctest:
"   vim -Nu NONE -i NONE -es -S tests/editors/vim_test.vim
" ftdetect makes a .dab file's filetype dabiao; the syntax file loads without an error and gives
" the expected groups to a comment, a keyword in Chinese and in English, a string, a number with
" its unit, a year, a verb and a comparator of rules/dongtou.dab and a sample. Exits 1 on failure.
set rtp^=editors/vim
filetype on
syntax on
let s:failures = []

function! s:Expect(pattern, group) abort
  call cursor(1, 1)
  let l:at = search(a:pattern, 'cW')
  if l:at == 0
    call add(s:failures, 'not found: ' . a:pattern)
    return
  endif
  let l:name = synIDattr(synID(l:at, col('.'), 1), 'name')
  if l:name !=# a:group
    call add(s:failures, a:pattern . ': ' . l:name . ' instead of ' . a:group)
  endif
endfunction

let v:errmsg = ''
edit rules/dongtou.dab
if &filetype !=# 'dabiao'
  call add(s:failures, 'filetype: ' . &filetype)
endif
if v:errmsg !=# ''
  call add(s:failures, 'error: ' . v:errmsg)
endif
call s:Expect('^# Conventions', 'dabiaoComment')
call s:Expect('^规划', 'dabiaoKeyword')
call s:Expect('  \zs规划期', 'dabiaoKeyword')
call s:Expect('"\zs每千人口', 'dabiaoString')
call s:Expect('基线 \zs4.57', 'dabiaoNumber')

enew
call setline(1, ['indicator rate "rate" unit % { baseline 80 }', '到2027年底 普惠托位占比 稳定在 90%左右', 'x >= 1.08万人次 by 2026  // c 越低越好', '# dabiao: allow below-baseline -- 原文', 'indicator r2 越低越好 { }'])
set filetype=dabiao
call s:Expect('^\zsindicator', 'dabiaoKeyword')
call s:Expect('r2 \zs越低越好', 'dabiaoDirection')
call s:Expect('// c \zs越低越好', 'dabiaoComment')
call s:Expect('indicator \zsrate', 'dabiaoDeclared')
call s:Expect('2027年底', 'dabiaoYear')
call s:Expect('稳定在', 'dabiaoVerb')
call s:Expect('左右', 'dabiaoComparator')
call s:Expect('>=', 'dabiaoComparator')
call s:Expect('1.08万人次', 'dabiaoNumber')
call s:Expect('\<by\>', 'dabiaoControl')
call s:Expect('// c', 'dabiaoComment')
call s:Expect('# dabiao: allow', 'dabiaoPragma')

if empty(s:failures)
  qall!
endif
for s:f in s:failures
  verbose echo s:f
endfor
cquit 1
