check {dab} --data {json} --as-of 2024
check {dab} --data {json} --as-of 2024 --lang en
check {dab} --data {json} --as-of 2024 --format json
