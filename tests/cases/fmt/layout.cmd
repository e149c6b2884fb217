fmt {dab}
fmt --check {dab}
fmt --check rules/dongtou.dab rules/dongtou-tasks.dab
fmt {dab} rules/dongtou.dab
fmt tests/cases/fmt/imports/broken.dab --lang en
