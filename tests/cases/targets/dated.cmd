check {dab} --data {json}
check {dab} --data {json} --as-of 2024 --lang en
