check {dab} --lang en
check {dab} --lang zh
