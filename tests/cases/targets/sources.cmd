check {dab} --data {json} --hide-not-due
check {dab} --data {json} --lang en
check {dab} --data {json} --format json
