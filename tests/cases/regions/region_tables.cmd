ast {dab}
check {dab} --data {json}
check {dab} --data {json} --format json --lang en
lint {dab}
