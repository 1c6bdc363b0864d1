from texcv.cli import main

raise SystemExit(main())
