check {dab} --data {dir}/sniffed_json.txt --data {dir}/sniffed_table --lang en
check {dab} --data {dir}/sniffed_unknown.txt --lang en
check {dab} --data {dir}/sniffed_unknown.txt
