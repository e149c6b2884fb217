" Vim syntax file
" Language: dabiao (达标) rule files, *.dab — see docs/language.md
if exists('b:current_syntax')
  finish
endif

syn case match

" Years (2027, 2027年, 2027年底, 2023..2027, 2023—2027年) and numbers with units, % and ‰
syn match dabiaoNumber "\d\+\%(,\d\{3}\)*\%(\.\d\+\)\=[万亿]\=\s*[%％‰]\="
syn match dabiaoNumber "\d\+\%(\.\d\+\)\=[万亿]\=\%(万人次\|人次\|万人\|万元\|亿元\|人\|个\|家\|所\|张\|元\|岁\|台\|床\|项\|名\|次\|户\)"
syn match dabiaoYear   "\<\d\{4}\%(\s*\%(\.\.\|[—–－～至到~-]\)\s*\d\{4}\)\=年[底末]\="
syn match dabiaoYear   "\<\d\{4}\s*\.\.\s*\d\{4}\>"

" Keywords, in English and Chinese
syn keyword dabiaoKeyword plan region baseline period domain lead indicator input unit stages milestone parts fn import source
syn keyword dabiaoDirection higher lower
syn keyword dabiaoControl and or not if then else year by in from since to until every each cumulative respectively full zero
syn match dabiaoKeyword "规划期\|基线年\|牵头单位\|里程碑\|规划\|方案\|地区\|基线\|期间\|领域\|牵头\|指标\|输入\|单位\|阶段\|分项\|函数\|导入\|出处"
syn match dabiaoDirection "越高越好\|越低越好"
syn match dabiaoControl "如果\|否则\|当年\|每年\|累计\|分别\|全覆盖\|动态清零\|清零"

" Verbs and comparators
syn match dabiaoVerb "力争达到\|达到\|新增\|培育\|建成\|保持在\|保持\|维持在\|稳定在\|控制在\|实现\|降至\|降到\|降低到\|降低至\|下降到\|下降至\|提高到\|提高至\|提升到\|提升至\|增至\|增加到\|增加至\|增长到\|增长至"
syn keyword dabiaoVerb reach maintain
syn match dabiaoComparator "不低于\|不少于\|不小于\|不高于\|不超过\|不大于\|不多于\|高于\|超过\|大于\|多于\|低于\|少于\|小于\|等于\|及以上\|以上\|及以下\|以下\|以内\|左右\|约"
syn match dabiaoComparator ">=\|<=\|==\|!=\|[≥≧≤≦≠≈～~<>＜＞＝=±]"
syn keyword dabiaoComparator around
syn match dabiaoOperator "[+\-*/]"

" Declared names
syn match dabiaoDeclared "\%(\%(指标\|indicator\|输入\|input\|函数\|fn\)\s\+\)\@<=[^ \t"“「{}｛｝=＝(（]\+"

" Last, so that they win over what starts at the same place (// over /). Comments: # … and // … ; the lint pragma '# dabiao: allow NAME -- reason' stands out.
syn match dabiaoPragma  "#\s*dabiao:\s*allow\>.*$" contains=@Spell
syn match dabiaoComment "#.*$" contains=dabiaoPragma,@Spell
syn match dabiaoComment "//.*$" contains=@Spell

" Strings: "…", “…” (nesting), 「…」
syn region dabiaoString start=+"+ skip=+\\\\\|\\"+ end=+"+ oneline
syn region dabiaoString start=+“+ end=+”+ oneline contains=dabiaoNestedQuote
syn region dabiaoNestedQuote start=+“+ end=+”+ oneline contained contains=dabiaoNestedQuote
syn region dabiaoString start=+「+ end=+」+ oneline


hi def link dabiaoComment     Comment
hi def link dabiaoPragma      SpecialComment
hi def link dabiaoString      String
hi def link dabiaoNestedQuote String
hi def link dabiaoNumber      Number
hi def link dabiaoYear        Constant
hi def link dabiaoKeyword     Keyword
hi def link dabiaoDirection   Type
hi def link dabiaoControl     Conditional
hi def link dabiaoVerb        Statement
hi def link dabiaoComparator  Operator
hi def link dabiaoOperator    Operator
hi def link dabiaoDeclared    Identifier

let b:current_syntax = 'dabiao'
