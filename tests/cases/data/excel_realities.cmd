check {dab} --data {dir}/excel_realities.csv --lang en
check {dab} --data {dir}/excel_realities.csv
