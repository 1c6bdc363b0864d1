from texcv.app.cli import main

raise SystemExit(main())
