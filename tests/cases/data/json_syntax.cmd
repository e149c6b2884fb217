check {dab} --data {json} --lang en
check {dab} --data {dir}/json_duplicate_key.json --lang en
