from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "webhook_endpoint" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "url" VARCHAR(2000) NOT NULL,
    "audience" VARCHAR(16) NOT NULL /* DISPATCH: DISPATCH\nDRIVERS: DRIVERS */,
    "notice_types" JSON NOT NULL,
    "secret" VARCHAR(100) NOT NULL,
    "previous_secret" VARCHAR(100),
    "previous_secret_until" TIMESTAMP,
    "enabled" INT NOT NULL,
    "disabled_reason" VARCHAR(500),
    "scanned_seq" BIGINT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "agency_id" INT NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT
) /* An HTTPS URL of the agency's that is sent its notices, signed with `secret`. */;
CREATE INDEX IF NOT EXISTS "idx_webhook_end_agency__59221f" ON "webhook_endpoint" ("agency_id", "id");
        CREATE TABLE IF NOT EXISTS "webhook_delivery" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "agency_id" INT NOT NULL,
    "event_seq" BIGINT NOT NULL,
    "event_type" VARCHAR(64) NOT NULL,
    "notice_type" VARCHAR(64) NOT NULL,
    "driver_id" INT,
    "lane" INT NOT NULL,
    "status" VARCHAR(16) NOT NULL /* PENDING: PENDING\nDELIVERED: DELIVERED\nFAILED: FAILED */,
    "attempts" INT NOT NULL,
    "next_attempt_at" TIMESTAMP NOT NULL,
    "leased_until" TIMESTAMP,
    "lease_token" VARCHAR(32),
    "first_failed_at" TIMESTAMP,
    "last_status_code" INT,
    "last_error" VARCHAR(500),
    "created_at" TIMESTAMP NOT NULL,
    "delivered_at" TIMESTAMP,
    "endpoint_id" INT NOT NULL REFERENCES "webhook_endpoint" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_webhook_del_endpoin_ce856e" UNIQUE ("endpoint_id", "event_seq", "lane")
) /* One notice owed to one endpoint (for a driver audience: one per driver named). */;
CREATE INDEX IF NOT EXISTS "idx_webhook_del_status_53a5b3" ON "webhook_delivery" ("status", "endpoint_id", "lane", "id");
        CREATE TABLE IF NOT EXISTS "webhook_attempt" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "attempted_at" TIMESTAMP NOT NULL,
    "status_code" INT,
    "latency_ms" INT NOT NULL,
    "error" VARCHAR(500),
    "next_retry_at" TIMESTAMP,
    "delivery_id" BIGINT NOT NULL REFERENCES "webhook_delivery" ("id") ON DELETE CASCADE
) /* One HTTP request made for a delivery, and what came of it. */;
CREATE INDEX IF NOT EXISTS "idx_webhook_att_deliver_a4a8c1" ON "webhook_attempt" ("delivery_id", "id");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "webhook_attempt";
        DROP TABLE IF EXISTS "webhook_delivery";
        DROP TABLE IF EXISTS "webhook_endpoint";"""


MODELS_STATE = (
    "eJztXW1z4ji2/isqvnS6ipnqzkt3L3PrVpGE7maHhBShp2d3suV2sBJ8AxJjm6TZ3fnvV5"
    "Jt/CYb2Rhj3OdLArbOsXkkHem86j+tOTXwzP65+4jJZNXqoP+0iD7H7EPsThu19MUiuM4v"
    "OPr9TDTVgzb3tmPpE4ddfdBnNmaXDGxPLHPhmJTwtl3kYKITp4NMx0YGftCXM/aBMZ+t0M"
    "sUWxjpaLK0HTrHFqIWMizzmX2yMWtFqDM1yePP/FEGnbBnsW+lcl0S888l1hz6iB1Gxnj/"
    "8S922SQG/o5t/+viSXsw8cyIAGYanIG4rjmrhbjWJ85H0ZC/8L02obPlnASNFytnSsm6tU"
    "kcfpWhiS3dwZy9Yy05iGQ5m3lo+7i6bxo0cV8xROOhwC5wavcFgmstTbsejrXb3ljTWolu"
    "8ilCGHuXJpTwLmavaotf/8hf4afjt6fvTz+cvDv9wJqI11xfef+X++gAGJdQwHM9bv0l7u"
    "uO7rYQGAegiv8JWC+muiXH1W8fQ5a9chxZH8csaP0LAbbBqK4C3Ln+XZth8uhMOaJv3mRA"
    "+Vt3dPG5OzpirV7zR1I2Dd3Zee3dOnbvcbwDfB1zjrV/U5IL5AhRdUi3vowvWpVA/e5UAe"
    "l3p6lA81tRnCdLy/KFpCrMYZoKUe59GVWD8okCyCepGJ/EIfbeVpvoZIIZBvzltBf2U+mL"
    "NjfJ0sF2DgGtyG2zBC+rX96enr6ptRBP9gTDyZwv59q9OZux52/RCxmcquuBd4eCv0meqT"
    "nBRmTwyiVPjyznAvo+eyPeOrlTSWNWoUg6Hwwvfs0plFyiDhL/7kh3MBh+1b72x5+1i1Hv"
    "sj/mtL0Okl+PbzCVxNmxijw7Thdox3GJRqhmT5m8ecCS5fkST8y5PkvZBkUpY11luKQ/ey"
    "wUus3bUtZlY5QB9GXvon/VHRy9PW67UNt/zkwHh/vgNLELws+YOJqN/0zCfG4+pkqnCFl1"
    "cmjHYuhvx8cnJ++P35y8+3B2+v792Yc3a3mUvJUlmM77n7hsigz3VGElRz9df4pSNQb80t"
    "aAiYX5L9d0RyI62B2+h0/ZdkYo46LDI/3Z/3CIahX7gcaQzFaeYMvAddy/6t2Ou1c3/HFz"
    "m8kSgV933ON3jsXVVezq0buYiF8zQXyZQfwr+ufwWiwyC2o7j5Z4YtBu/M8Wfyd96VCNMC"
    "muGyG13r/qo/YXN0g8PIW0Z37hXp88veiWoUXuBMNjaWNLshE798g+/jrCqSu9Zxn6wlgc"
    "YO//5Y93/2owCsLqmmsq2hKiC49NU2FyrWhbgnQpmDQVIt22zUcyx5xmK5i6a0ZNhWpusp"
    "/IWmyH05XLpakgUcvYesYNOY+mAsRWJVNmY8gD0O2aRxMRCivy2y5wMZtAE+Fa6Cu63FZ6"
    "h4G6EQybChfbXNuljquRYNhUuDxFdku8+i6XpoJk4WcTv2img+dbAnWDicFeZyQY9hm/pk"
    "IW8Vss6MycbL0qRmQY57j6ccBbaVzRKXfBdDH8zeXbVCjZT8WaxR4wxcZytu0QHDBuozWz"
    "pmIm7MpbItV7brCmaBp4vqAOd46zsTVhOtG262fAcCT4NRW5F3w/pfRJY8vggppbj7KvLr"
    "uex61JqHErKj2maXbV6K3wVmWmr7S5bj2lIzskeEzZn8348harK4/ZQfro5MDOj+cxYOc6"
    "0R/FW3J2nDhsZpYEJvrm54ywxMVCW/qtNgYm3tI5pgSjlylF3NJmI5N0kE6QbsxN0kZ0wc"
    "GnVhtZeEEtB7NP1EK6F0r4SkQbJiMTy2MLoYkQmlib2V1BaKJFZyn4bg5a8WnrjHWre3nV"
    "v+4g8e+ODG96o+54OOog/9MduRz1f+uxK+7/OzLq3QxHY37F/1QkUOXtO4XOehv3YgZ9xW"
    "9Fu4oJViasJAseZf2gE/l8CIhivXTPqHbVTb4AqjYo5Xw4HEQ8yOf9WFzE9Zer8x5DPRay"
    "kvTr4+9siSD6TJPJ9HThEyMrNC/iG4z9SvcKYqPpEya+3p9jAU3QQXRKfBQLiGymuz2zD0"
    "WCVKQMSohVqecmuu6hKT4midgUiEhSm17NikiKbA1Ebph0tUoVoBGa6oRn7XWReOBNPlQj"
    "NIVQrZlwLAPURPBcfOQmAf5ILcwU+V/xKqGDpETurBkd2KhNM+Gwy5b+srYzROcr+/3sV2"
    "N3/zpi4mPUvxi3JKO3BGSVQ8dqNnJVgY1M2RRgVaI9IeIjr7sZW2VGfDRnhEadCXoJ4Z8/"
    "AE5s/2qYDtsiSZPfcoElOF0zRk2de+BtB297zZx7OR1W66B/idMqnBCQ7riahFttdFx9nV"
    "J0T+mTjXRioIW+sn9BS2JjBznYmtucbIb4T0MORc4UI3e79iqok5H0WpXEc7PL6o/o5lHA"
    "9S/wY4EfqzlmZD9nnaOiLdh2fkqXEuUnM583lcfWmb1165CyU3vLqQaxiyoQNdvJlm2i2r"
    "74Q9lFHxoOuCxoNdeCmc4A4IYEa3BntMCdAZb3ehmIVSzvKgZiyCqFnEnIaqsYJMhqA/vm"
    "Ado3PaerxLoZuGPTbZuB71elVvCCrUqUiOD5iW7xpHzkV4lAdOl01nHybR5SzwDA1sLCIo"
    "heRw6eTIk5MXUiKxhcJmuwc9ZkU9kGO+fe7JwLfbWVjVNKD/ZNsG/WSbxAzsMech7A1JY+"
    "qsHUBqa2TWILTG01MrVVV3mzZguwkoIP5RKVoYK6ZHs1g4QGmOzYpMjwy6hREG2nYBLxTi"
    "6iBOm+weIXUU9AbC0RrzVwRKiDMOsL4zWaUvZjRIjWuqCAPaOOzCJSImcVg0gkuF3w9LZp"
    "nIvG1hvLaTGiP/y6oPGWYD6p1HzijtRCu/AYaQO34Qey7fYxyd53TyZ4UUzdipFCPm6d+z"
    "kscvN0cpgOerjOPRxaSHP2cZQSBHb9u5nNykKd7NFBF9e6i729cvHT7NLowbKfmly/rT8r"
    "iw24tTa4tcD4u8ORXXHZiKajGrVPKCc3hIkAV3BV7K8exzw4MmdLaJt3+E4c2+i8rWWxk0"
    "OFdrtqJ7u09fvDWmLoD434dCt/aIJtNvEPCUb/R+8RfeDGdxGZ30YvpjMVtvZwpI6XjG0S"
    "9ECtCa8xjAkyHfSi2yJ7GxtJM3/p3HPHPi7MydNyISz43LovXkF+yz3KKXkPDP9VGv6ZXH"
    "KWEmVTrRJvQF3hedE3vevL/vUnrXt72/90fdVzT6HNAb6EQwclr90R93PvsoP8T+zaxUXv"
    "Zty71M7/ofkVfJPX7kj/WrsZDT8x4XbbQaEvd+RieHUz6I052/VHdrV7fdEbDMRV/+MduR"
    "5qt5+HXzvI+xCf8UrxoKcq4aCn6dGgp4lg0PVsTYybbKNUhBCsUrW2SmGbdYKIr8OkkCdB"
    "Qg9dXusu96bnjE7WgSWq8fQS0lLKUO9b641I0hOlyPqTjMj6k2RkvWHRBX14KIS6jBZgV4"
    "I9pV7bGH9P2VGuCZoAcJbU6v0+jggsH8ajq+7vryNCazC8/uQ3D8F+MRiexy2+Flf/CkUd"
    "RCjBJV3n9UP4lAv1cpQSernOvTyh8wW33RRK2YjRQk/XuacJ1ewpI3nAhc/qibGo0EzAO7"
    "N7czPoX3TPB728JoIoNde/w9/viGcuWNsN7kj38lJYCvi/O/K12/+Nf3X/F1Hbyz/IJ9QX"
    "mj6nSyKbvllObzmDrd3dhzODC3m7vXIZRcRljBSkZZ2lpVdUzTOHF47m2cQGvMkSL30UtO"
    "2rEyrzg95I7w2/0vHWcyGDEYS4bYa/tOmgwhE6ZHOHbFVIYxMviD7csB9bI2hZ8pijDCt3"
    "krSBBWROVKyt6bbWFLy9Qx/yBdJJaUHEJEWMr5o9sh7BBSR8Kj2ADSVLoGQJZ7FcGAV7PU"
    "oJvV6XXpeo9cmaFZCrsAMJGo4LVAQ1EkoImCYxjQRUKoIaDcKEpR7SFPaVpkD9AuNbAtu0"
    "QuVxXMNiUAFWd4KXgOvtmtFhCQRVXCOScIsKYFDjKgv1qBoFZfcLlN3XZiYpqfb+gHFqzo"
    "yOgAXl93NDBuX39193zt29SDLR1tuazQeLauutlFo6Gk/3YkCg+xXSkc/kF2Q6NnLze5DJ"
    "T/4UYZjowaJzccsvpy9PQiuBpyT1LJZrZuEHzO3wXrH99KS0kNVNpJ6tkWK3Id+s0nyzoM"
    "8S2Ka7XSJEDXS4vFUKcH+bEeD+NhngfoCZfcOb3nUrH+KCpoP43zrl3JUfvOdtlot5HWK0"
    "EEdWH4OzJL461FvuWs7G1TOeSfZjWacRZLGp8HyC9RU4oAD8PjWZhnBAwd4856GdtzquMS"
    "pAFhwV+3NU+IOxBGwvQqwaim5s6m5hWPeNA9uZpZpXw0rJ3ZMHImVPz0EiBE6HvRo4vcEl"
    "sXAGwy7dxBkMb5XDNCzMA3WFGdI1R3Z4VazRxwt0dnZ6hqzlDCP8faHzkuf8DFAaOiP0QZ"
    "yIIdQm2WkaZbLeXGMLTJSVmig9f4WyddJr30DD5JmSYfIswzB5ljRMgj6djj7o06BPb5Zd"
    "EEcJmnQNNoptCPmrS8hfHRXoerqIqlV3IiqiROmJq5AZ0R3xlkqxHV6fv7IjxX876GVK2+"
    "zPqi0K/7aZ8mKIEsFeQi/iWaOckJcEfpQdKFg289yFhuM+TR7KkTxP0MLP2AqHfkR5RI1T"
    "EZbJ1mxvZjPGE9Y3ydagolWpotXMGV7ThaXuaoOSN9zCDFK7mL4Yp4WurnVXBzPzfqWJi4"
    "n+TrfCSIkbaJI5VjLJHGeYZI4lJpkweBbNZ/+SEjcQ+fJjugL5dJ+rDEWcroFg72SYx3Zw"
    "6nBHyBqI9juVIwLepR8R8C5xRICHGfv5ssC1jViv6RoI9k6GNq9OncQ5u5p1YXzrqdlL90"
    "C7KGZtT+iicEHUNXGFcdXjz/1bbXhx8WU06l1f5K6FGiPvoNiFOyIudK8vtY/DwWD4VRRG"
    "TV67I18/Dwc99pxRv3fbQeFvcQOD0kQq/WATbqEQSCc6NzPUNkxWYWjtfqZUiZG1+OEBTx"
    "zzGRevEJjFArwbEsw9mGy6tNKScDYLsQSTOi/TrYsvt+PhFT+oyf90R/yjm/zjmrqfmCT7"
    "h3bZ+9j9Mhh3UPR7EelUvrrgJ1MaBeaJlBYmiGSC+MK8AMgyUsBYFgbOpMyjRPpkVr4MiK"
    "DEJQ4LEUmJS31Fl47mUEeXaF/Z9UVjpID1BqyL1BGFAqJ5Coj6/sIkwn+/HV7LEQ7TxIew"
    "OXHQf9HMtA9RFGdAy9HIVnbjem07asTnDOLKrmPKYjRSl0C/OdQSk9VodcyCxVnjhACvZO"
    "O2tHllHFsrjHMGBwA8taw5FHbeqb6u8xopOQ1SARFkeuewR7mwFQg0iBBCdYU6BxmIrrK0"
    "vP6SGBm4TfK7TSYWNkxHQKhxD7Zp5ZZraSxAyuWQcuGYyJxyLkYKkq7Okg7Onfsx+hkyq1"
    "q7MFGHo9ryVStJUgLCUAumQmSjORCKwEaJAFfItqwEUy/gLxeoERpANWuPn3fxShKCUS7V"
    "UJQX3DgZQAvZ13vLvp4HibxbQtu8mlpxbKN7I0ht39dpNlB7Lw+4arX30pTeEjD+Yjcb36"
    "Sir4Cxu3ktYwSHku5Ha6YNxTqy5VdAeb3Vqm4Y12xjpopsfFOqNITXSgLAu3HgxhWqLUq4"
    "uMGZJZatvBEMGyQ34uN0j4dAHciAraz+jTfWNlTBCUakWi0cbREQbCyJ83WqO6L6psFPHr"
    "L4IUQL3TTQA7WQjvzw/Ug5G3TE21v0BS0YgUv3OlkPp1TO0qOPIj/alSQuzfoUo/RiObGG"
    "UKimqkI1+pwuicz9mhWCHxBB8L343enB9+D7LG8Uy2tkF/J9hikBYQnCgUBWxzZCA6iC7X"
    "iPZ2DEihGWaMloMMoS4aiAtTvtS0D5cs2oofhGBGRuLbsqNcgz1W1QgwKDnqIaFJgVFY5G"
    "IAgTx1rxswh4YU53+r+y0fqgTZEdx29HFBb3GZIjX8tguPm8V1GAKa7pgD5TpT6Tt3QW1M"
    "zKUTMrd7EsqJKVs0qWLkrFSEyBWUkHAVGFaQa+0DjYLAPQzMuSx6DhVKThqHhg4Piw/foT"
    "RALYNRVdl9xAB3ezN85BGpnihhm5JIiT8MO/eNyKge5XaMqL2+uP7Pez7a1OkGnbS3Hkl0"
    "igkR0dtgUnOCmsXrthsO7v1rqfFiqzqXxsQ7fEcBpbbYbzwSUJ+p2VO5ktTgfbcomy4y3S"
    "+aCNEgGum9UdD7ES9J1+wOnAIFZVeKKjS8Wns57pJeDb9MjfuFSslbfBH9wSDSk07tPVo9"
    "A0U1KNvDDzV7avrHSQjgxLf3Da3BuwVmVeTGfK7jzqixm2bR719JOrlrMfML+XH7RcLvPN"
    "Pga3sSSeKhZMzyaAs7QhnKpahcvrnRwKQUDRhJI9sTKbxwrqwMlxeqHN40SFaXdUS/FVON"
    "pgTV3h2QaXo+7HcSsf3i4RL/7N/t2R/u3tl95lB7n/40JIpSc+KHTEh9R++AAlZTePdZWh"
    "rl5Stkhl5D2XRH6z2z1PaUYbMCgUgfrgDArutqtIbakwIVSWqnMfgw+3vE0t1D3aDbLgHd"
    "9H/C/k4Zeeh68UfRA4rrcNPoi4yhsCfDSajpdy3w4kz1o2YJyaihKkyO47pCU8yNIttv4Y"
    "3Gi11WZ+y42m2yHBIjMVG8iZMly4ZXVC5wsumwzk1bxpp6Wv8huE/mRP6Qt6wJJQl/LZb4"
    "5/+SNcqgeMs5UaZ5/Yz8pjsfLbN9BaVf7Zf+HXyoFxjKyBUJ8oBcWcZATFnEjixCGwa6c2"
    "QoiXaFbh35rt43ZQTdXfJOeuphojBHghymefUT77qPpZs+Grim3uop+h2V4Cvg3Wp+NIJ8"
    "VkreKpkj0h0dOl3ZWurS/c5lpszKjEW8mLSYk6UyGFGb3opsOegByK7rEfPGXIYqy2Z6ii"
    "mEdszLEDZnjwlsGGBPG+c+W9jRJBV2EqUO5rotxvjgs6BEW/ddG9vugNBt1xf3jdQeFvd+"
    "R6qN1+Hn7VPvZ6HRT6Ep9L+zENsPnKT0OzJ1NsLGc5lSo5MexSZUrAPaVPTPgUUrJSqAHo"
    "DKBdb1dOK4yEemtzTM0ALz/NLgIZ3689mNa84AmB2bwg4KfOAT8Ttp4/SjTvzBkXEIHdc8"
    "NMg8DeXQf2wnHZG8ZtiSVeINL3h1gU4sp5no6O08LyX+eehhODf4x+hrjuViOrZtdsykDg"
    "/KEgu694jIYPWDiHGfI8auVohTNCaxQuAEk0eeAtfJjlng4pqNnSpgxzoTMK9hGydaAAK0"
    "VsqeSChfM9Ks1zOhDgqzvXjs5MtmvYcKCD16qtfq5dQKAQFMSfbCCXJnoKwy/iswe7OKKO"
    "vcDMxDYP5CH4BXGHHQNYdqxDaWwVCi9x6OBwh71WV9LnuQ538Ns30Cu1k9MHTHv92klxne"
    "WfihKCjyqPj0p4Tx3tGVv5VXE5MVg6kjB7COXANkRRnY1jVzWUSrd0gmf1R/DDLBdGwW6O"
    "UkI317qbwd1WlowEI3CNjsLxVvAST8FxdeTfgp1BQ3qgYlOED6CSRSKEdi7DhBbawKmVGr"
    "H1Z2wgj4wbE3TPsNBBpmMjx2R32mihr+jS8b9NdKaSGbqF+OE4j+wZKXVGSuQtNVV4v9md"
    "M/4vB2vFPq0VB6Jy1B7hUFFcbMmKQP39dngtB3RNEN+AmhMH/Vcc+XqAsGZgxqGI7Dp9e8"
    "/RVff3uCnoYjA8j28nOYNzUPZACwAtoFxLCZxrtAt0I9seRWQjNIAqaK77C18KXKglxn4E"
    "jtyGohyZwHBwVKnY1vvgqAF7t9G6FkBLYj+ItWhnGQ1ipQXUDAVdvzDoKxuxsWI5aE6fxT"
    "G4tmlgocy745PdJ9QR50F5RUZ1mxcYjZQwEQELCYPBDp5xR6hlPppEnyG+1UZH4pQD9Pbs"
    "NT+lyqLLxynyKsQgt0QMFDStxbrczrAwPFh0ri3MydNyUUA5S1KDglZrBU10GLZZTwgRzW"
    "Zr0V6XMYHOr3Xns1uFZ3qcFrq67l297SxPYQEdX+uOtzCD1C5mao3TQlfXvKt9taNYZ8ep"
    "obtr3d1Rl3Qhe2UJMZ516+HS/YOmLFktFVi/OcTLJqH0S64m4cwMBA+TVRgGvh8pVGYUON"
    "Q1g7pmB13XjI85ebhLenhGmAYiNLaI0ADX/S7WQCjnAnVHDgvXsF6YN+BESgsoQ3gEVHc5"
    "BGyhukvNqrtE5WkJKDc88kS6/tQq+qT3jMXbJ4JO3BvtrFgTvG6ilIpizudLQYv0pWE6iB"
    "FbfkULnd3QbYws/LC0sY2+3HATp0gSuewNeuzjkc4QNh8fsfVano1SHvs7cke+2fjPb8i0"
    "Bf0CWz+5ch4xBdqmVgfpsxmd8AGLlmwIWqEaHciiL69sxG4/tZFNEa/GaxL2rDviNWAvZx"
    "IelMRfhd2a0PmcXaMWZ8TfSWcvai/nGBEGsYXsJ3PBQ2B4bI/XWLG+B/sRiYSZP1riQf7p"
    "Pt6hP1FRuz4KKFmYKHdEzLn5+KMExfzt+Pjk5P3xm5N3H85O378/+/BmvS1L3sran533P/"
    "EtWjusOG8OneG9nQt+j6BJG+JKuiBkneeYJTBPt7/57Rtoe3t3qmB8e3eaan3jt6Lg0okw"
    "VxZxJsZIwZNYa08i2zpQS2Mrc06zVIIOvF5JEeWClLfMVJSqgeJqJ8WmXNQsKvMxbsLap2"
    "og1uUfvxfewioKizAJyIn62K8bDiscULBjgA3LfBYTO1cWfZSqekdt638elmQiklnul+bM"
    "MYn9M3/e/7aq3y/uxH3LtdRcHeK1r0dX8Mc2pivAk16W3AGP2d5LYe3SGM4LZ62udOupJT"
    "GIBzfbWUZxizfT5n67jZbxz/ygd901INOlc0+/I8ECTXUbLZb3TPJNsYGwPpl6BuZXNhKW"
    "dxsdef/ZkFoF9m+JfXxXD9mcSplqKq6JUKqD2XhnuZTrntVym4YTpI2pF1uxhRjKjaZ3iI"
    "V1Y0hmK2/aHa5Jc11vMLFUqS5imzcSQ4LHlP3Z+TZiryJxZ5uIrTYGfQPPF9ThjxzhCbWi"
    "S1lqo8yNghk016yg/cYNw5it4Q+mZTvCScyPgeCFF/myLFQYmy3WwufMLj7h1S/CmexYK/"
    "53aRGbe5/1R4ZscpdQKufNzmnGA6o57nV/wHsggWq6ndpr3kAD9U6cAXTBAZHG+qVjHCFq"
    "INLle4m9JGGNqTLTPEjH6QBsJbBt6Ukq6Xa9gAKyYaBeKURCQL1SMNXuHeDDN9V+xfdTSp"
    "+6jsO0KGkAc6xFO0sXe3HbMhkZNFaKaf48Ht8gbyeB5rrBFChqMcWIPYH7F1dtEc/7MtUd"
    "NGGvxzUqL3g3Eb9cnJVKQTufC0Tx1sNAmK6UeWOw0Fofp4XVvtarPVtfnKXN+s+QxIulR2"
    "1HqSAmJGl055kSfOGSnayQimuUCDZSElyxZVFJcl26kr0mKKRd122URpTrMyWb0VmGzegs"
    "aTMi+LujCatqAemfIC5B/NesC5ok/WNbMvX9VoywSZKqgr1XhmLoA1uCauhpH5chjgfWI6"
    "o6Ymw0RrTEi+7tRfeyt2clcd0J6VpiuJ82q4nhcaKmJ7oVzRF9wQY/qp2f3I6JsaAMVnTk"
    "6XkiIlUkr7JtCO6IRgt2xbshToVPyX0tjz3PffXA4MfKMyUzwoyroN9mOsHf0JHIrBXEbc"
    "Qe8eY1eqQ8uointH4zjW9uQit/0Gx1R0To0czgyu3Cq8nOOQsXI2fIc23dbFdMnJ9RF814"
    "fiw6+ib+G9qSOObs22vEI6tsQWqyV32YmY9Th7siFxadYJvn6zIFmf1GA81N4yfGzOCcnr"
    "FIoBUsRQtrSWz+sq5WzTNybdfBucGD6SPhjXYRG+WHyPCfIUm3dffronWUWLRvgzJeZ2Uc"
    "7LG7UCPCs0Z9aEfImgRsxSFpLo55U5ejVOAtVfCWustybqRjZAC1AtTrfJ4cgjpCA2Y0mR"
    "mN5DFM+s0bEypcGpDBFjApA3pkOU8olRKDb7WioHXTu77sX39q5UPYJ+sg7wPTJnqD/m+9"
    "Ue+yg9Yf78jHbn/AL7n/40qNigwpP6nY857ksRmHSWDYx4e9MEh6EBW1Z0bJwaFVa5NmWF"
    "fP29txWjBe176nNYc+4VzhrTGy5nmFTo4VVqWT4/Qa5MfxVUlE5GsPulnsWBUJOcysWs8s"
    "nfVXscgAGSnoNTK9huGU25cdpWqe6NqJQxviln8IoeV5xAp1dJwWlqc693TMh6W4MsWomm"
    "S831WUug9ZEuWiwQi9EMcDw1o1GCE2zvIGIyRsQZpFXyT2oHOP+uOvvCpISrpeahx6Q7D/"
    "q4LQjfWQTQ/dCI/qzaEb4Vm1OXSjS0RY/i36Mhp4h84H9VFEHIEfNsDPr3f9NnYb2Wx2Ys"
    "PNlf5mY7aTcb4lAzfKZO6WLJ/ohLgVO0Tp8mmo6ku8qssLW3ART9tmrBgc1E8zMLHd8dvo"
    "Fr4jvEYDWrCtr0jvdmMl5vTZrVzOOds8GYHhSGzdLaKlu0XTA4acEXqxTDYDUiMrElETES"
    "967giJHyU8Ymep4UtLYsBL14285g10VR6/Uc0Nz0wOT5aK9QKxijqFwvR1hr112b+96Y4v"
    "PneQ/+mOXI64H+iWXXI/1MP/E/K756olGaerRwnDRlWTdNe5PBIpoKjz7CgolN4qyaS3GS"
    "LpbVIiLSz8bNKlreUHW0LaPPtYFaAXc52lMgFTSr1NKRxjWXxv1nHUIaoKT6P297YHexq1"
    "YdoCN42fu5SvJo+EtHnSbSfW/5BGKhnlWScTRQkbE1pTcaQveF9+iIUEaoz+EN0MySit3b"
    "tdoDhQNcWBEr5jU2Z0KeBoaWDK7U49LV0G/WTakjhYvDvtLL+KHrTZ5E1Jh2GLMvJg/N+B"
    "8Z9NH/kZ5ek6Uoikgfa247MzFR/A2Vm6C4Dfi3kA2KTKgbDXvIHo7sSwxp7oYFn0RLodP0"
    "QCtUpzGusTO6oqKz789f+suQBb"
)
