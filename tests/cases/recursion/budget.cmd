check {dab} --data {json} --lang en
