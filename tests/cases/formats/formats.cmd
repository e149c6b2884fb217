check {dab} --data {json} --format md
check {dab} --data {json} --format csv --lang en
check {dab} --data {json} --format junit
check {dab} --data {json} --format sarif --lang en
