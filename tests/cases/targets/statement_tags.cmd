ast {dab}
check {dab} --data {json}
check {dab} --data {json} --lang en
check {dab} --data {json} --format json
check {dab} --data {json} --format md
check {dab} --data {json} --format csv --lang en
