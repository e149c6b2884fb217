check {dab} --data {dir}/csv_errors.csv --lang en
