check {dab} --data {dir}/csv_long.csv --hide-not-due
check {dab} --data {dir}/csv_long.csv --format json --as-of 2023
