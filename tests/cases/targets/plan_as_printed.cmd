check {dab} --data {json}
check {dab} --data {json} --lang en
check {dab} --data {json} --format json
