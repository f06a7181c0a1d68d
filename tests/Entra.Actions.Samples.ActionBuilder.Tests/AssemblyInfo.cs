// The browser, the app nodes, the emulators and redis-server are whole processes and servers: run the test classes one after
// another so that a slow CI machine gives each the CPU its timeouts assume.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
