check {dab} --data {json} --lang en
check {dab} --data {json} --format json
check {dab} --data {json} --strict
