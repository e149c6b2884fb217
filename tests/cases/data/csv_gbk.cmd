check {dab} --data {dir}/csv_gbk.csv --hide-not-due
check {dab} --data {dir}/csv_gbk.csv --hide-not-due --encoding gbk
check {dab} --data {dir}/csv_gbk.csv --encoding utf-8
