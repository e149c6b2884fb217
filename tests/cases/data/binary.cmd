check {dab} --data {dir}/workbook.xlsx --lang en
check {dab} --data {dir}/workbook.xlsx
check {dab} --data {dir}/workbook.xlsx --format json --lang en
check {dab} --data {dir}/workbook_saved_as.csv --lang en
check {dab} --data {dir}/workbook_saved_as.csv
