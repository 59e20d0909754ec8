print("baton-demo")
