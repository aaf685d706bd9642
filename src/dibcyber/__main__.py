from dibcyber.cli import main

main()
