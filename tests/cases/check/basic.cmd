check {dab} --data {json}
check {dab} --data {json} --lang en --hide-not-due
check {dab} --data {json} --as-of 2023 --hide-not-due
check {dab} --data {json} --format json --as-of 2023
check {dab}
