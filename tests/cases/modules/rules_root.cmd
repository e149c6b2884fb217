check {dab} --rules-root {dir} --lang en
check {dab} --rules-root {dir}/no-such-folder --lang en
