from workwindow.cli import main

main()
