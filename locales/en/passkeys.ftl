## Passkey ceremonies finished somewhere other than where they started

passkey-started-elsewhere = This registration was started on another screen. Please start again from the beginning.
passkey-sign-in-elsewhere = This sign-in was started on another screen. Please start again from the beginning.
