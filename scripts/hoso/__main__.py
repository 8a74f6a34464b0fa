from hoso.cli import main

raise SystemExit(main())
