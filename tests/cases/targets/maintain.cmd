check {dab} --data {json}
check {dab} --data {json} --lang en --hide-not-due
