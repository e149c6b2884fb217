template {dab} --format csv
template {dab} --format csv --by domain --regions 洞头区，玉环市
template {dab} --format csv --by one --regions 洞头区
template {dab} --format csv --regions 洞头区,,玉环市 --lang en
template {dab} --format csv --regions 洞头区、洞头区
template {dab} --by sheet --lang en
check {dab} --data {dir}/template_layout/workbook.xlsx --sheet 卫生健康局 --lang en
check {dab} --data {dir}/template_layout/workbook.xlsx --sheet 卫生健康局
check {dab} --data {dir}/template_layout/workbook.xlsx --sheet 区民政局 --lang en
