check {dab} --data {json} --as-of 2023
check {dab} --data {json} --as-of 2023 --lang en
check {dab} --data {json} --as-of 2023 --format json
