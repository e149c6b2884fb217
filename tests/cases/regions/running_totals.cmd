check {dab} --data {json}
check {dab} --data {json} --lang en
explain {dab} --data {json} --indicator 电梯三 --year 2027
