check {dab} --data {json} --hide-not-due
check {dab} --data {json} --format json --lang en
