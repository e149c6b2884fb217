check {dab} --data {json}
check {dab} --data {json} --lang en
