explain {dab} --indicator 三 --year 2025 --as-of 2025
