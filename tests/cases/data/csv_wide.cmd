check {dab} --data {dir}/csv_wide.csv
