check {dab} --data {json} --hide-not-due
check {dab} --data {json} --format json --lang en
check {dab} --data {dir}/regions_array.json --hide-not-due
