# dz-admin: migrations, users, keys.
