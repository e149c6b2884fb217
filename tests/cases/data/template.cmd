template {dab} --format csv
template {dab} --lang en
